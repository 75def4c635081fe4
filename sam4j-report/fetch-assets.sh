#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json (plotly.js) unless they are already here, and
# copies the files that reports inline into the build's resources. Maven runs this at generate-resources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=target/generated-resources/assets/io/sam4j/report/assets
if [ ! -f node_modules/plotly.js-dist-min/plotly.min.js ]; then
  command -v npm >/dev/null 2>&1 || { echo "sam4j-report: npm is needed to fetch plotly.js (apt-get install npm)" >&2; exit 1; }
  # Quiet when it works (the launcher promises one line while it builds); everything npm said when not.
  log=$(npm ci --no-audit --no-fund --loglevel=error 2>&1) || { echo "$log" >&2; exit 1; }
fi
mkdir -p "$out"
cp node_modules/plotly.js-dist-min/plotly.min.js "$out/plotly.min.js"
node -e 'process.stdout.write(require("./node_modules/plotly.js-dist-min/package.json").version)' > "$out/plotly.version"
