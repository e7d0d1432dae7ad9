#!/usr/bin/env bash
# Ingest throughput against Kafka's producer perf test on the same local broker. Prints figures.
#   bench/ingest.sh [events=200000] [client threads=4]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -pl contracts,kafka-embedded,issuer,ingest-service,bench -am
java -Xmx2g -Dalliancewatch.root="$(pwd)" -cp "bench/target/classes:bench/target/lib/*" \
  io.alliancewatch.bench.IngestBench "$@"
