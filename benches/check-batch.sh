#!/usr/bin/env bash
# End-to-end benchmark of `crosscheck check`:
#   bash benches/check-batch.sh [N ...]              (default: 10000 100000)
#   bash benches/check-batch.sh realnews [K ...]     (default: 10 100)
# For each N, generates N stories in N/10 events (examples/gen-batch.rs),
# one Markdown file each. In real-news mode, writes ../shared/realnews
# repeated K times as one JSON Lines file, the copies with new ids and
# events (examples/realnews-batch.rs); without ../shared/realnews it says
# "skipped". Reports stories/s, MB/s and peak memory (GNU time's maximum
# RSS), and the peak as a share of the input.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=generated
if [[ ${1:-} == realnews ]]; then
  mode=realnews
  shift
  if [[ ! -d ../shared/realnews ]]; then
    echo "skipped: ../shared/realnews is missing"
    exit 0
  fi
fi
cargo build --release --quiet --example gen-batch --example realnews-batch
cargo build --release --quiet
[[ -x /usr/bin/time ]] || { apt-get install -y time >/dev/null 2>&1 || true; }
sizes=("$@")
if [[ ${#sizes[@]} -eq 0 ]]; then
  if [[ $mode == realnews ]]; then sizes=(10 100); else sizes=(10000 100000); fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%10s %10s %10s %10s %12s %10s %12s %8s\n' stories events MB seconds stories/s MB/s peak-MB peak/in
for n in "${sizes[@]}"; do
  if [[ $mode == realnews ]]; then
    input="$work/realnews-$n.jsonl"
    said=$(./target/release/examples/realnews-batch "$n" "$input" 2>&1)
    stories=$(sed -E 's/^wrote ([0-9]+) stories.*/\1/' <<<"$said")
    events=$(sed -E 's/.* in ([0-9]+) events.*/\1/' <<<"$said")
  else
    input="$work/batch-$n"
    ./target/release/examples/gen-batch "$n" "$input" 2>/dev/null
    stories=$n
    events=$(find "$input" -mindepth 1 -maxdepth 1 -type d | wc -l)
  fi
  bytes=$(du -sb --apparent-size "$input" | cut -f1)
  mb=$(echo "$bytes / 1000000" | bc -l)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" ./target/release/crosscheck check "$input" --format json --fail-on never >/dev/null
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  rss_mb=$(echo "$(cat "$work/rss") / 1000" | bc -l)
  printf '%10d %10d %10.1f %10.2f %12.0f %10.1f %12.0f %7.0f%%\n' "$stories" "$events" "$mb" "$secs" \
    "$(echo "$stories / $secs" | bc -l)" "$(echo "$mb / $secs" | bc -l)" "$rss_mb" "$(echo "100 * $rss_mb / $mb" | bc -l)"
  rm -rf "$input"
done
