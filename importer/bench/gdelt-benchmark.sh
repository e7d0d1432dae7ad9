#!/bin/sh
# Rows/s of `import gdelt --to-raw-topic` for a generated 100,000-row GDELT export, end to end into
# Kafka. Usage: importer/bench/gdelt-benchmark.sh [rows] [bootstrap-servers]
# Without bootstrap servers it starts Kafka's own KRaft server in the benchmark's JVM.
set -e
cd "$(dirname "$0")/../.."
ARGS="${1:-100000}${2:+ $2}"
exec ./mvnw -q -pl importer test-compile exec:java \
  -Dexec.mainClass=io.alliancewatch.importer.bench.GdeltImportBenchmark \
  -Dexec.classpathScope=test \
  -Dexec.args="$ARGS"
