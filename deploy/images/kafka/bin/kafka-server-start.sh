#!/usr/bin/env bash
# kafka-server-start.sh server.properties: a broker or controller, with a 1 GiB heap unless
# KAFKA_HEAP_OPTS says otherwise (as Kafka's own script)
set -euo pipefail
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
