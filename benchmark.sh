#!/usr/bin/env bash
# The load benchmark of the callback path, against a running service (start it with ./run.sh first):
# ./benchmark.sh help. JVM options for the benchmark itself: BENCHMARK_JVM_OPTIONS.
set -euo pipefail
cd "$(dirname "$0")"
classpath=$(scripts/tools-classpath.sh test-compile)
exec java ${BENCHMARK_JVM_OPTIONS:--Xms1g -Xmx2g} -Dproject.dir="$PWD" -cp "$classpath" com.minishop.tools.LoadBenchmark "$@"
