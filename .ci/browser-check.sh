#!/usr/bin/env bash
# Renders the HTML report of the example batch in headless Chromium (installed
# from Debian's packages if missing), takes a screenshot, and checks that the
# page is not blank and that the console shows no errors.
#   .ci/browser-check.sh [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${1:-$(mktemp --suffix=.png)}
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update >/dev/null && apt-get install -y chromium >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/crosscheck check examples/batch --format html --fail-on never -o "$work/report.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile"
  --enable-logging=stderr --v=0)
timeout 120 chromium "${flags[@]}" --window-size=1100,1500 --screenshot="$shot" "file://$work/report.html" 2>"$work/log" || true
timeout 120 chromium "${flags[@]}" --dump-dom "file://$work/report.html" >"$work/dom.html" 2>>"$work/log" || true
size=$(stat -c %s "$shot" 2>/dev/null || echo 0)
echo "screenshot $shot: $size bytes"
[[ $size -gt 30000 ]] || { echo "the screenshot is blank or missing" >&2; exit 1; }
grep -q "Event storm-ilse" "$work/dom.html" || { echo "the rendered page lacks its content" >&2; exit 1; }
if grep -E "CONSOLE|Uncaught|Refused to" "$work/log"; then
  echo "the console shows errors" >&2
  exit 1
fi
echo "browser check: the report renders, with content and a clean console"
