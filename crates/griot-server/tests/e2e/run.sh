#!/usr/bin/env bash
# Browser end-to-end tests of `griot serve`: makes a demo database (plus one hostile article),
# serves it on a free loopback port, runs e2e.test.mjs with node's test runner in Chromium.
# Usage: run.sh GRIOT_BINARY NODE_MODULES_DIR SCREENSHOT_DIR
set -euo pipefail
griot=$(realpath "$1"); modules=$(realpath "$2"); shots=$(mkdir -p "$3" && realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
"$griot" --db "$work/e2e.db" demo > "$work/demo.out"
"$griot" --db "$work/e2e.db" ingest --quiet "$here/hostile.txt"
"$griot" --db "$work/e2e.db" serve --addr 127.0.0.1:0 2> "$work/serve.err" &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.err" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; echo "e2e: griot serve stopped" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "e2e: griot serve did not start" >&2; exit 1; }
cp "$here/e2e.test.mjs" "$work/"
ln -s "$modules" "$work/node_modules"
GRIOT_URL="$url" SHOTS="$shots" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" node --test --test-reporter=spec "$work/e2e.test.mjs"
echo "e2e: screenshots in $shots"
