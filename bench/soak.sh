#!/usr/bin/env bash
# A soak (PipelineBench soak): events/s through ingest for a long while, with many subscribers;
# per window, latency (POST to score, POST to signed webhook) and each service's RSS. Flat is the
# goal. Prints figures, asserts nothing. Run it on an idle machine.
# Usage: bench/soak.sh [minutes=30] [rate=500] [subscriptions=100] [windowMinutes=5]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -pl ingest-service,scoring-service,alert-service,e2e -am
./mvnw -q -B -pl e2e test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alliancewatch.e2e.bench.PipelineBench \
  -Dexec.args="soak $*" -Dalliancewatch.root="$PWD" \
  -Dalliancewatch.service.heap="${SERVICE_HEAP:-service}"
