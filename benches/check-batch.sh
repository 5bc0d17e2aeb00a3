#!/usr/bin/env bash
# End-to-end benchmark of `crosscheck check` on generated batches:
#   bash benches/check-batch.sh [N ...]     (default: 10000 100000)
# For each N, generates N stories in N/10 events (examples/gen-batch.rs)
# and reports stories/s, MB/s and peak memory (GNU time's maximum RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example gen-batch
cargo build --release --quiet
[[ -x /usr/bin/time ]] || { apt-get install -y time >/dev/null 2>&1 || true; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%10s %10s %10s %10s %12s %10s %12s\n' stories events MB seconds stories/s MB/s peak-MB
for n in "${sizes[@]}"; do
  dir="$work/batch-$n"
  ./target/release/examples/gen-batch "$n" "$dir" 2>/dev/null
  mb=$(du -sm --apparent-size "$dir" | cut -f1)
  events=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | wc -l)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" ./target/release/crosscheck check "$dir" --format json --fail-on never >/dev/null
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  rss_mb=$(( $(cat "$work/rss") / 1024 ))
  printf '%10d %10d %10d %10.2f %12.0f %10.1f %12d\n' "$n" "$events" "$mb" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$mb / $secs" | bc -l)" "$rss_mb"
  rm -rf "$dir"
done
