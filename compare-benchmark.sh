#!/usr/bin/env bash
# The side-by-side comparison with the Spring Boot baseline (issue 14): builds both, starts the embedded
# database of ./run.sh, then the baseline and this service one after the other, sends both the same load
# and prints one table. ./compare-benchmark.sh help. Stop ./run.sh first (it holds the database).
# PEER_DIR: the baseline's sources (default ../shared/peers/springboot-baseline); it is copied to
# target/peer-springboot and built there, since the shared copy is read-only.
set -euo pipefail
cd "$(dirname "$0")"
mode=${COMPARE_MODE:-compare}
peer_src=${PEER_DIR:-../shared/peers/springboot-baseline}
if [ "${1:-}" != help ] && [ "${1:-}" != --help ]; then
  if [ ! -f target/peer-springboot/target/payment-peer-springboot.jar ] \
      || [ -n "$(find "$peer_src" -newer target/peer-springboot/target/payment-peer-springboot.jar -type f 2>/dev/null | head -1)" ]; then
    echo "building the baseline from $peer_src..."
    rm -rf target/peer-springboot && mkdir -p target && cp -r "$peer_src" target/peer-springboot
    chmod -R u+w target/peer-springboot
    (cd target/peer-springboot && nice -n 19 mvn -q -B -DskipTests package > build.log 2>&1) \
      || { cat target/peer-springboot/build.log >&2; echo "the baseline did not build" >&2; exit 1; }
  fi
  echo "building this service..."
fi
# builds run at the lowest priority: on a shared machine they must not disturb a running measurement
classpath=$(nice -n 19 scripts/tools-classpath.sh package)
exec java -Dproject.dir="$PWD" -cp "$classpath" com.minishop.tools.CompareBenchmark "$mode" "$@"
