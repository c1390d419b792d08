#!/usr/bin/env bash
# Speed of `loupe build` with extraction on (read, clean, tag entities, find quotes and amounts,
# write the bundle) over the BBC News corpus, natively and as WebAssembly under node; prints MB/s
# of input. Also scores the extraction against the hand annotations (tests/annotations/).
# Usage: tests/bench/extraction.sh   (after scripts/test or both builds; LOUPE_DATA_DIR overrides ../shared/data)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${LOUPE_DATA_DIR:-$root/../shared/data}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bytes=$(find "$data/bbc" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
extract=(--model "$root/build/native/entities.model" --rates "$root/assets/exchange_rates.json")

run() {  # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$out/log" 2>&1
  end=$(date +%s.%N)
  awk -v label="$label" -v bytes="$bytes" -v start="$start" -v end="$end" \
    'BEGIN { t = end - start; printf "%-34s %6.2f s  %5.2f MB/s\n", label, t, bytes / 1e6 / t }'
  grep '^extracted' "$out/log" || true
}

echo "BBC News: $(find "$data/bbc" -name '*.txt' | wc -l) files, $((bytes / 1000)) kB"
run "loupe build, no extraction (native)" "$root/build/native/loupe" build "$data/bbc" -o "$out/plain.json"
run "loupe build + extraction (native)" "$root/build/native/loupe" build "$data/bbc" -o "$out/native.json" "${extract[@]}"
run "loupe build + extraction (wasm)" node "$root/build/web/loupe.js" build "$data/bbc" -o "$out/wasm.json" "${extract[@]}"
cmp -s "$out/native.json" "$out/wasm.json" && echo "native and wasm bundles are identical" || echo "native and wasm bundles differ"

echo; echo "== seeds, against tests/annotations/seeds.json"
"$root/build/native/loupe" score-extraction "$root/tests/annotations/seeds.json" --root "$root" "${extract[@]}"
echo; echo "== twelve BBC articles, against tests/annotations/bbc.json"
"$root/build/native/loupe" score-extraction "$root/tests/annotations/bbc.json" --root "$data/bbc" "${extract[@]}"
