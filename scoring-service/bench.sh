#!/usr/bin/env bash
# Scoring benchmark: prints figures, asserts nothing (README, "Benchmark").
# Usage: scoring-service/bench.sh [events=100000] [latencySeconds=30] [bootstrapServers] [-Dbench.*=...]
# Without bootstrapServers it starts a one-node KRaft broker in the JVM. -Dbench.* settings
# (README) go to the benchmark's JVM; the other arguments are the benchmark's own.
set -e
cd "$(dirname "$0")/.."
settings=()
args=()
for arg in "$@"; do
  case "$arg" in
    -D*) settings+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
./mvnw -o -q -B -pl scoring-service test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alliancewatch.scoring.bench.ScoringBenchmark \
  -Dexec.args="${args[*]}" "${settings[@]}"
