#!/usr/bin/env bash
# A soak (PipelineBench soak): events/s through ingest for a long while, with many subscribers;
# per window, latency (POST to score, POST to signed webhook), each service's RSS and its live heap
# after a full GC. Flat is the goal. Prints figures, asserts nothing. Run it on an idle machine.
# Usage: bench/soak.sh [minutes=30] [rate=500] [subscriptions=100] [windowMinutes=5]
exec "$(dirname "$0")/pipeline.sh" soak "$@"
