#!/usr/bin/env bash
# Scores the entity tagger on CoNLL-2003's validation and test splits with the standard
# span-level precision, recall and F1 (exact span and type), per type and overall.
# Usage: tests/bench/entities.sh [BUILD_DIR]   (default build/native; run scripts/test or build first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/native}
data=${LOUPE_DATA_DIR:-$root/../shared/data}/conll2003
out=$(mktemp -d)
for split in valid test; do
  "$build/loupe" tag --conll "$data/$split.txt" --model "$build/entities.model" > "$out/$split.tagged"
  echo "== $split.txt"
  "$build/loupe" score-conll "$out/$split.tagged"
done
rm -rf "$out"
