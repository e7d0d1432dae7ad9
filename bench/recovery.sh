#!/usr/bin/env bash
# How long each service is gone after kill -9 (RecoveryBench): killed and started again at once,
# timed to its readiness. Prints figures, asserts nothing. Run it on an idle machine.
# Usage: bench/recovery.sh [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -pl ingest-service,scoring-service,alert-service,e2e -am
./mvnw -q -B -pl e2e test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alliancewatch.e2e.bench.RecoveryBench \
  -Dexec.args="$*" -Dalliancewatch.root="$PWD"
