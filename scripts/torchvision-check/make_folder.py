"""Writes a two-class image folder (red-ish and blue-ish 48x48 PNGs with noise) for the check run."""
import os
import sys

import numpy as np
from PIL import Image

root = sys.argv[1]
rng = np.random.default_rng(0)
for split, n in (("train", 24), ("test", 8)):
    for c, colour in enumerate([(200, 40, 40), (40, 40, 200)]):
        folder = os.path.join(root, split, f"class{c}")
        os.makedirs(folder, exist_ok=True)
        for i in range(n):
            noise = rng.normal(0, 30, (48, 48, 3))
            image = np.clip(np.array(colour)[None, None, :] + noise, 0, 255).astype(np.uint8)
            Image.fromarray(image).save(os.path.join(folder, f"{i}.png"))
