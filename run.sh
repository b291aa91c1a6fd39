#!/usr/bin/env bash
# The run command: builds the WAR, starts PostgreSQL (embedded under .data/ unless PAYMENT_DB_URL is set)
# and Payara Micro with the WAR on port ${PAYMENT_HTTP_PORT:-8080}, waits until the application answers,
# and prints the URL and the admin credentials. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
echo "building..."
classpath=$(scripts/tools-classpath.sh)
exec java -Dproject.dir="$PWD" -cp "$classpath" com.minishop.tools.DevServer
