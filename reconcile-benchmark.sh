#!/usr/bin/env bash
# The reconciliation benchmark against a running service (see the README): ./reconcile-benchmark.sh help
set -euo pipefail
cd "$(dirname "$0")"
classpath=$(scripts/tools-classpath.sh test-compile)
exec java ${BENCHMARK_JVM_OPTIONS:--Xms512m -Xmx2g} -Dproject.dir="$PWD" -cp "$classpath" com.minishop.tools.ReconcileBenchmark "$@"
