#!/usr/bin/env bash
# OpenAPI-driven fuzzing of `griot serve` with schemathesis (PyPI), in deterministic mode:
# every operation of /api/v1/openapi.json gets generated valid and invalid requests against a
# demo database served on a free loopback port with a token. Fails on any 5xx, any answer
# that does not match the schema, and any invalid request (wrong type, out of range, bad
# format) that is not refused with a 4xx. Rules made by the fuzzer stay in its scratch
# database; none can notify anything but stdout (no --allow-webhook).
# Usage: fuzz.sh GRIOT_BINARY SCHEMATHESIS_BINARY
set -euo pipefail
griot=$(realpath "$1"); st=$(realpath "$2")
work=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
"$griot" --db "$work/fuzz.db" demo > /dev/null
echo "fuzz-token-$(date +%N)x" > "$work/token"
"$griot" --db "$work/fuzz.db" serve --addr 127.0.0.1:0 --token-file "$work/token" 2> "$work/serve.err" &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.err" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "fuzz: griot serve did not start" >&2; exit 1; }
auth="Authorization: Bearer $(cat "$work/token")"
cd "$work"
# reads: every check except "valid data must be accepted" (a valid-looking filter can still
# name nothing, e.g. an unknown mode of a type)
"$st" run "$url/api/v1/openapi.json" -H "$auth" --include-method GET --max-examples 30 \
  --generation-deterministic --exclude-checks positive_data_acceptance --no-color
# ingest: any body is a document (text), so "invalid body type" cannot be refused
"$st" run "$url/api/v1/openapi.json" -H "$auth" --include-operation-id ingest --max-examples 30 \
  --generation-deterministic --exclude-checks positive_data_acceptance,negative_data_rejection --no-color
# watch rules (create, replace, delete, dry run): a rule that fits the schema can still be
# refused (an actor code griot does not know, a name taken), but one that does not fit it
# must be a 4xx
"$st" run "$url/api/v1/openapi.json" -H "$auth" --include-method POST --include-method PUT \
  --include-method DELETE --exclude-operation-id ingest --max-examples 30 \
  --generation-deterministic --exclude-checks positive_data_acceptance --no-color
