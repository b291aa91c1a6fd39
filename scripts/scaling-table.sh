#!/usr/bin/env bash
# The README's scaling table: runs ./benchmark.sh once per row against the running service (start it
# with ./run.sh) and prints each run's summary line. About 20 minutes. The service is warmed up first
# (a JVM keeps getting faster for several minutes of load: the JIT compiles Payara's request path).
# With 10,000 tenants the warm-up is longer, so that every tenant's credentials are cached before the
# clock starts, as they would be in a service that has been running. Extra arguments go to every run, e.g. --ceiling 0 to skip the JDBC ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
warmups=${SCALING_WARMUP_RUNS:-6}
rows=(
  "--concurrency 1"
  "--concurrency 8"
  "--concurrency 32"
  "--concurrency 128"
  "--tenants 1"
  "--tenants 10000 --warmup 20"
  "--orders 1000000"
  "--duplicates 50"
  "--concurrency 128 --tenants 10000 --orders 1000000 --duplicates 50 --warmup 20"
)
log=target/scaling-table.log
mkdir -p target
: > "$log"
for ((i = 1; i <= warmups; i++)); do
  echo "warm-up run $i of $warmups..."
  ./benchmark.sh --ceiling 0 "$@" >> "$log" 2>&1
done
for row in "${rows[@]}"; do
  echo "./benchmark.sh $row $*"
  # shellcheck disable=SC2086
  ./benchmark.sh $row "$@" >> "$log" 2>&1 || echo "  (exit $?; see $log)"
  grep '^summary' "$log" | tail -1
done
echo "full output: $log"
