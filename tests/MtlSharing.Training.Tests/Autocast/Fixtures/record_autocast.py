"""Records a small conv + linear network run under CPU autocast (bfloat16) in PyTorch into autocast.json.

The C# tests in AutocastFixtureTests.cs build the same network from the recorded weights, run it
under MtlSharing's Autocast (libtorch's own CPU autocast, reached through TorchSharp's libtorch) and
compare outputs, loss and gradients. Inputs and weights are rounded to bfloat16 first, so both sides
start from exactly the same lower-precision values.

The committed autocast.json was recorded with PyTorch 1.13 (Debian's python3-torch); any PyTorch
with CPU autocast (1.10 or later) gives the same inputs and weights from the same seed. Run from this
folder with a Python 3 that has torch; when the current one has none, the script re-runs itself under
the system Python (/usr/bin/python3, where python3-torch installs it):

    python3 record_autocast.py
"""
import json
import os
import subprocess
import sys

SYSTEM_PYTHON = "/usr/bin/python3"


def ensure_torch():
    """Re-runs this script under the system Python when the current one has no torch."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import torch"], capture_output=True)
        if probe.returncode == 0:
            sys.exit(subprocess.call([SYSTEM_PYTHON, *sys.argv]))
    sys.exit("no Python with torch found; install torch (pip) or python3-torch (apt)")


ensure_torch()

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def bf16_exact(*shape):
    """A float32 tensor whose values are all representable in bfloat16."""
    return torch.randn(*shape).bfloat16().float()


def record(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().float().reshape(-1).tolist()]}


def dtype_name(t):
    return str(t.dtype).replace("torch.", "")


def network(x, conv_w, conv_b, lin_w, lin_b):
    hidden = F.relu(F.conv2d(x, conv_w, conv_b, stride=1, padding=1))
    hidden = F.max_pool2d(hidden, 2)
    return hidden, F.linear(hidden.flatten(1), lin_w, lin_b)


def main():
    torch.manual_seed(1913)
    x = bf16_exact(2, 3, 6, 6)
    targets = torch.tensor([1, 3])
    params = {
        "conv_weight": bf16_exact(4, 3, 3, 3) * 0.5,
        "conv_bias": bf16_exact(4) * 0.125,
        "linear_weight": bf16_exact(5, 4 * 3 * 3) * 0.25,
        "linear_bias": bf16_exact(5) * 0.125,
    }
    for p in params.values():
        p.requires_grad_(True)
    args = (params["conv_weight"], params["conv_bias"], params["linear_weight"], params["linear_bias"])

    with torch.autocast("cpu", dtype=torch.bfloat16):
        hidden, logits = network(x, *args)
        loss = F.cross_entropy(logits, targets)
    loss.backward()
    autocast_grads = {name: p.grad.clone() for name, p in params.items()}
    for p in params.values():
        p.grad = None

    hidden32, logits32 = network(x, *args)
    loss32 = F.cross_entropy(logits32, targets)
    loss32.backward()

    a = bf16_exact(3, 4)
    b = bf16_exact(4, 2)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        product = torch.matmul(a, b)

    fixture = {
        "torch_version": torch.__version__,
        "input": record(x),
        "targets": targets.tolist(),
        "parameters": {name: record(p) for name, p in params.items()},
        "autocast": {
            "hidden_dtype": dtype_name(hidden),
            "logits_dtype": dtype_name(logits),
            "loss_dtype": dtype_name(loss),
            "logits": record(logits),
            "loss": float(loss),
            "grads": {name: record(g) for name, g in autocast_grads.items()},
            "grad_dtypes": {name: dtype_name(g) for name, g in autocast_grads.items()},
        },
        "float32": {
            "logits": record(logits32),
            "loss": float(loss32),
            "grads": {name: record(p.grad) for name, p in params.items()},
        },
        "matmul": {"a": record(a), "b": record(b), "dtype": dtype_name(product), "product": record(product)},
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "autocast.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
