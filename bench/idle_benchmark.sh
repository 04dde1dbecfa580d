#!/usr/bin/env bash
# What `ingest run` costs while it waits: CPU time and resident memory over a minute of idling
# with every real outlet of config/feeds.toml configured. This machine has no route to the
# outlets, so the first pass fails fast on every source (a realistic worst case for the
# schedule: failing sources back off) and the daemon then sleeps until the next check.
#   bench/idle_benchmark.sh [seconds]      (default 60)
# The program comes from build/, or from $INGEST_BUILD_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
binary="$(realpath "${INGEST_BUILD_DIR:-build}/ingest/ingest")"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp config/feeds.toml "$work/feeds.toml"
(cd "$work" && exec "$binary" run --config feeds.toml --db ingest.db 2>"$work/log") &
pid=$!
# The idle period starts when the first pass has been logged.
for _ in $(seq 1 600); do
  grep -q "pass done" "$work/log" 2>/dev/null && break
  sleep 0.1  # a benchmark script, not a test: polling the log is fine here
done
grep -q "pass done" "$work/log" || { echo "the first pass did not finish" >&2; cat "$work/log" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
start=$(date +%s.%N)
sleep "$seconds"
after=$(ticks)
end=$(date +%s.%N)
awk -v b="$before" -v a="$after" -v hz="$hz" -v s="$start" -v e="$end" -v rss="$(rss)" \
    -v hwm="$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")" -v outlets="$(grep -c '^\[\[outlet\]\]' config/feeds.toml)" 'BEGIN {
  cpu = (a - b) / hz
  printf "outlets %d; idle %.1f s: CPU %.3f s (%.4f%% of one core), RSS %.1f MiB (peak %.1f MiB)\n", outlets, e - s, cpu, cpu / (e - s) * 100, rss / 1024, hwm / 1024
}'
