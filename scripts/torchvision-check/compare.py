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
expected = model.state_dict().keys()
absent = sorted(set(expected) - set(state))
print(f"{len(state)} tensors in the file, {len(expected)} in torchvision's state_dict;",
      f"absent: {len(absent)}, all num_batches_tracked: {all(k.endswith('num_batches_tracked') for k in absent)}")
# strict: every name and shape must match (BatchNorm fills in num_batches_tracked itself).
model.load_state_dict(state, strict=True)
model.eval()
n, c, h, w = 2, 3, 64, 64
x = torch.sin(0.001 * torch.arange(n * c * h * w, dtype=torch.float64)).float().reshape(n, c, h, w)
with torch.no_grad():
    out = model(x).flatten()
ref = torch.tensor([float(v) for v in open(logits_file).read().split()])
print("torchvision:", out.tolist())
print("sam4j:      ", ref.tolist())
print("max relative difference:", ((out - ref).abs() / ref.abs().clamp_min(1e-6)).max().item())
