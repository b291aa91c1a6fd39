#!/usr/bin/env bash
# WeChat Pay played against a running service (start it with ./run.sh first): ./simulate.sh help
set -euo pipefail
cd "$(dirname "$0")"
classpath=$(scripts/tools-classpath.sh test-compile)
exec java -Dproject.dir="$PWD" -cp "$classpath" com.minishop.tools.WechatPaySimulator "$@"
