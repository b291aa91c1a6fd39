#!/usr/bin/env bash
# The warm-up curve from a fresh start (issue 14): starts the system, and from the moment it is ready
# sends load in 10 s windows for --warmup seconds (default 180), printing each window's callbacks/s.
# Default both systems, baseline first; --only ours measures this service alone. Same options and
# prerequisites as ./compare-benchmark.sh (help).
set -euo pipefail
cd "$(dirname "$0")"
COMPARE_MODE=curve exec ./compare-benchmark.sh "$@"
