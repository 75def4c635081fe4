#!/usr/bin/env bash
# Photographs the top of a sam4j report page with headless Chromium (Debian's chromium package), once
# plotly has drawn its figures: the README's picture is made this way from the demo's own report.
#
#   ./sam4j demo --out runs/demo
#   scripts/report-screenshot.sh runs/demo/report.html docs/images/report-top.png
#
# Usage: report-screenshot.sh PAGE.html OUT.png [WIDTH [HEIGHT]]   (default 1280 x 860 CSS pixels)
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 PAGE.html OUT.png [WIDTH [HEIGHT]]" >&2
  exit 2
fi
page="$1"
png="$2"
width="${3:-1280}"
height="${4:-860}"
[ -f "$page" ] || { echo "report-screenshot: no page at $page" >&2; exit 2; }
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "report-screenshot: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
profile="$(mktemp -d "${TMPDIR:-/tmp}/report-screenshot.XXXXXX")"
trap 'rm -rf "$profile"' EXIT
mkdir -p "$(dirname "$png")"
out="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
# A fresh profile, no network services, and 15 s of virtual time for the page's scripts to draw.
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size="$width,$height" --virtual-time-budget=15000 \
  --screenshot="$out" "$url" >"$profile/chromium.log" 2>&1 || {
  cat "$profile/chromium.log" >&2
  exit 1
}
[ -s "$out" ] || { echo "report-screenshot: chromium wrote no picture" >&2; exit 1; }
echo "$out"
