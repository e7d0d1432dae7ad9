#!/usr/bin/env bash
# topics: create, list, describe, alter
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.TopicCommand "$@"
