"""Loads an exported efficientnet-b0 into torchvision (strict names) and compares its logits with sam4j's.

The module shim skips torchvision's C++ operator registrations, which the models do not use (the
wheels on this machine pair a CUDA torchvision with a CPU torch)."""
import sys, types
sys.modules['torchvision._meta_registrations'] = types.ModuleType('torchvision._meta_registrations')
import numpy as np, torch, torchvision
from safetensors.torch import load_file
from torchvision.models import efficientnet_b0

weights_file, logits_file, classes = sys.argv[1], sys.argv[2], int(sys.argv[3])
if weights_file.endswith(".npz"):
    state = {k: torch.from_numpy(v) for k, v in np.load(weights_file).items()}
else:
    state = load_file(weights_file)
model = efficientnet_b0(num_classes=classes)
result = model.load_state_dict(state, strict=False)
print("missing:", sorted(set(k.rsplit(".", 1)[-1] for k in result.missing_keys)), len(result.missing_keys))
print("unexpected:", result.unexpected_keys)
model.eval()
n, c, h, w = 2, 3, 64, 64
x = torch.sin(0.001 * torch.arange(n * c * h * w, dtype=torch.float64)).float().reshape(n, c, h, w)
with torch.no_grad():
    out = model(x).flatten()
ref = torch.tensor([float(v) for v in open(logits_file).read().split()])
print("torchvision:", out.tolist())
print("sam4j:      ", ref.tolist())
print("max relative difference:", ((out - ref).abs() / ref.abs().clamp_min(1e-6)).max().item())
