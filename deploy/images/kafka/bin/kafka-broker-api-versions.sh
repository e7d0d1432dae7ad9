#!/usr/bin/env bash
# the API versions each broker offers (the compose file's health check)
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
