#!/usr/bin/env bash
# Checks that an efficientnet-b0 run exported by 'sam4j export' loads into torchvision's
# efficientnet_b0 (strict names and shapes) and gives sam4j's outputs on the same input.
# Needs a Python with torch, torchvision, safetensors, numpy and pillow: PYTHON=/path/to/python.
# On this project's machines: python3 -m venv /tmp/tv && /tmp/tv/bin/pip install --no-index \
#   --find-links /opt/wheels --find-links /opt/pypi-more/files --find-links /opt/pypi/files \
#   torch==2.13.0+cpu torchvision==0.28.0 numpy safetensors pillow
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" "$here/make_folder.py" "$work/folder"
"$root/sam4j" train --model efficientnet-b0 --dataset "folder:$work/folder" --image-size 64 --epochs 1 \
  --batch-size 16 --out "$work/run" --quiet
"$root/sam4j" export "$work/run" --out "$work/b0.safetensors"
"$root/sam4j" export "$work/run" --out "$work/b0.npz"

cp="$root/sam4j-cli/target/sam4j-cli.jar:$root/sam4j-cli/target/lib/*"
javac -d "$work/classes" -cp "$cp" "$here/Forward.java"
DJL_OFFLINE=true OPT_OUT_TRACKING=true java -cp "$cp:$work/classes" Forward "$work/run" > "$work/logits.txt"
"$python" "$here/compare.py" "$work/b0.safetensors" "$work/logits.txt" 2
"$python" "$here/compare.py" "$work/b0.npz" "$work/logits.txt" 2
