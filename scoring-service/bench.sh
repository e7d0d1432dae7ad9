#!/usr/bin/env sh
# Scoring benchmark: prints figures, asserts nothing (README, "Benchmark").
# Usage: scoring-service/bench.sh [events=100000] [latencySeconds=30] [bootstrapServers]
# Without bootstrapServers it starts a one-node KRaft broker in the JVM.
set -e
cd "$(dirname "$0")/.."
./mvnw -o -q -B -pl scoring-service test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alliancewatch.scoring.bench.ScoringBenchmark \
  -Dexec.args="$*"
