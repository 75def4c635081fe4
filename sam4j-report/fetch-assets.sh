#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json (plotly.js's partial bundles) unless they are
# already here, and copies the files that pages inline into the build's resources. Maven runs this at
# generate-resources. Partial bundles, not the full build (4.8 MB, maps included): a report draws
# scatter, bar and contour traces (cartesian, 1.5 MB), a landscape page a 3-D surface (gl3d).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=target/generated-resources/assets/io/sam4j/report/assets
bundles=(cartesian gl3d)
missing=0
for b in "${bundles[@]}"; do
  [ -f "node_modules/plotly.js-$b-dist-min/plotly-$b.min.js" ] || missing=1
done
if [ "$missing" = 1 ]; then
  command -v npm >/dev/null 2>&1 || { echo "sam4j-report: npm is needed to fetch plotly.js (apt-get install npm)" >&2; exit 1; }
  # Quiet when it works (the launcher promises one line while it builds); everything npm said when not.
  log=$(npm ci --no-audit --no-fund --loglevel=error 2>&1) || { echo "$log" >&2; exit 1; }
fi
mkdir -p "$out"
rm -f "$out/plotly.min.js"
for b in "${bundles[@]}"; do
  cp "node_modules/plotly.js-$b-dist-min/plotly-$b.min.js" "$out/plotly-$b.min.js"
done
node -e 'process.stdout.write(require("./node_modules/plotly.js-cartesian-dist-min/package.json").version)' > "$out/plotly.version"
