#!/usr/bin/env bash
# Instruction counts (callgrind: repeatable whatever else the machine does) of one pass and of
# the same pages processed alone, from one run of pass_benchmark. Prints the ratios.
#   bench/pass_instructions.sh [articles] [hosts]     (defaults 300, 4; valgrind required)
# The benchmark binary comes from build/, or from $INGEST_BUILD_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-300}
hosts=${2:-4}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {  # count FUNCTION -> instructions spent inside it, in the main thread
  valgrind --tool=callgrind --toggle-collect="$1" --callgrind-out-file="$out/cg" \
    "${INGEST_BUILD_DIR:-build}/bench/pass_benchmark" --articles "$articles" --hosts "$hosts" --runs 1 >/dev/null 2>"$out/log"
  grep -E '^(summary|totals):' "$out/cg" | head -1 | awk '{print $2}'
}
pass=$(count 'ingest::pipeline::run_pass*')
extraction=$(count '*extraction_alone*')
processing=$(count '*processing_alone*')
awk -v p="$pass" -v e="$extraction" -v r="$processing" -v n="$articles" 'BEGIN {
  printf "instructions per article: pass %.2fM, extraction alone %.2fM, processing alone %.2fM\n", p/n/1e6, e/n/1e6, r/n/1e6
  printf "pass over extraction: +%.0f%%; fetch+store+scheduling over processing: +%.0f%%\n", (p-e)/e*100, (p-r)/r*100
}'
