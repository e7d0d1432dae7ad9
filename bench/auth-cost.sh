#!/usr/bin/env bash
# What access control costs ingest, measured in one run on one broker: this build (every request
# with a feeder's bearer token, verified) beside a build of the commit before access control.
#   bench/auth-cost.sh [events=200000] [client threads=4] [baseline commit=87d9346]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-200000}
THREADS=${2:-4}
BASELINE=${3:-87d9346}
DIR=bench/target/baseline-src
if [ ! -d "$DIR" ]; then
  mkdir -p bench/target
  git worktree add --detach "$DIR" "$BASELINE" >/dev/null
fi
(cd "$DIR" && ./mvnw -q -B package -DskipTests -pl ingest-service -am)
./mvnw -q -B package -DskipTests -pl contracts,kafka-embedded,issuer,ingest-service,bench -am
java -Xmx2g -Dalliancewatch.root="$(pwd)" -Dbench.baseline.root="$(pwd)/$DIR" \
  -cp "bench/target/classes:bench/target/lib/*" io.alliancewatch.bench.IngestBench "$EVENTS" "$THREADS"
