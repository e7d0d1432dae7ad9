#!/usr/bin/env bash
# the KRaft quorum's status and replication
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
