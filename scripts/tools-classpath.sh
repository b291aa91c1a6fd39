#!/usr/bin/env bash
# Builds the project up to the given phase (default package: the WAR; test-compile is enough for the
# simulator), runs no test and no formatting check (the test command checks it), and prints the class
# path of the command-line tools. Shared by run.sh, simulate.sh and benchmark.sh; Maven's output goes
# to target/tools-build.log unless it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
phase=${1:-package}
if ! mvn -q -B -DskipTests -Dspotless.check.skip=true "$phase" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/tools-classpath.txt > target/tools-build.log 2>&1; then
  cat target/tools-build.log >&2
  echo "build failed (log above)" >&2
  exit 1
fi
echo "target/test-classes:target/classes:$(cat target/tools-classpath.txt)"
