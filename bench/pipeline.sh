#!/usr/bin/env bash
# The whole pipeline measured from outside (PipelineBench): Kafka's perf tools, scoring on a
# backlog, latency at 1,000 and 5,000 events/s, many alliances, each service's memory.
# Prints figures, asserts nothing. Run it on an idle machine.
# Usage: bench/pipeline.sh [backlog=200000] [seconds=30] [alliances=200] [eventsPerAlliance=2000]
# SERVICE_JVM_OPTIONS adds JVM options to the three services, e.g.
# SERVICE_JVM_OPTIONS=-XX:NativeMemoryTracking=summary prints where their native memory goes;
# SERVICE_HEAP (e.g. 512m) overrides their -Xmx (by default each has its own, as in ./run).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -pl ingest-service,scoring-service,alert-service,e2e -am
./mvnw -q -B -pl e2e test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alliancewatch.e2e.bench.PipelineBench \
  -Dexec.args="$*" -Dalliancewatch.root="$PWD" \
  -Dalliancewatch.service.jvm-options="${SERVICE_JVM_OPTIONS:-}" \
  -Dalliancewatch.service.heap="${SERVICE_HEAP:-service}"
