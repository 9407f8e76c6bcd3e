#!/usr/bin/env bash
# Fill fuzz/corpus/TARGET/ from the readers' test fixtures, the example inputs and fuzz/seeds.
# The `read` target takes a first byte that picks the reader (see NAMES in src/lib.rs), so its
# seeds are written once per reader.
set -euo pipefail
cd "$(dirname "$0")/.."
files=(crates/griot-ingest/tests/fixtures/* examples/*.* examples/site/news/* fuzz/seeds/*)
for t in read html date pipeline store; do mkdir -p "fuzz/corpus/$t"; done
n=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  for t in html pipeline store; do cp "$f" "fuzz/corpus/$t/seed-$n"; done
  for pick in 0 1 2 3 4 5 6 7 8 9 10 11; do
    { printf "\\x$(printf %02x "$pick")"; cat "$f"; } > "fuzz/corpus/read/seed-$n-$pick"
  done
done
for d in "2024-03-17" "March 17, 2024" "Sat, 16 Mar 2024 08:00:00 GMT" "2024-02-30" "99999-01-01" "-1" \
         "0000-00-00" "0001-01-01" "9999-12-31" "1710633600" "17/03/2024" "2024-03-17T23:30:00-05:00"; do
  n=$((n + 1)); printf '%s' "$d" > "fuzz/corpus/date/seed-$n"
done
echo "corpus: $(find fuzz/corpus -type f | wc -l) files in fuzz/corpus/"
