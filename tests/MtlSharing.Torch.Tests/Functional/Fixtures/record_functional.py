"""Records reference values of a few torch.nn.functional calls from PyTorch into functional.json.

The C# tests in PyTorchFixtureTests.cs feed the same inputs to MtlSharing.Torch and compare.
Run from this folder with any Python 3 that has torch 1.13 (the system Python usually does):

    python3 record_functional.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from torch_python import ensure_torch  # noqa: E402

ensure_torch()

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def record(t):
    return {"shape": list(t.shape), "values": flat(t)}


def conv_cases():
    configs = [
        dict(name="stride2_padding1", n=2, cin=3, cout=4, h=7, w=6, k=(3, 3), stride=(2, 2), padding=(1, 1), dilation=(1, 1), groups=1, bias=True),
        dict(name="dilation2", n=1, cin=2, cout=3, h=8, w=8, k=(3, 3), stride=(1, 1), padding=(2, 2), dilation=(2, 2), groups=1, bias=False),
        dict(name="groups2_asymmetric", n=2, cin=4, cout=6, h=5, w=7, k=(2, 3), stride=(1, 2), padding=(1, 0), dilation=(1, 1), groups=2, bias=True),
        dict(name="depthwise", n=1, cin=3, cout=3, h=6, w=6, k=(3, 3), stride=(2, 1), padding=(1, 1), dilation=(1, 2), groups=3, bias=True),
    ]
    cases = []
    for c in configs:
        x = torch.randn(c["n"], c["cin"], c["h"], c["w"])
        weight = torch.randn(c["cout"], c["cin"] // c["groups"], *c["k"])
        bias = torch.randn(c["cout"]) if c["bias"] else None
        y = F.conv2d(x, weight, bias, c["stride"], c["padding"], c["dilation"], c["groups"])
        cases.append({
            "name": c["name"],
            "input": record(x),
            "weight": record(weight),
            "bias": record(bias) if bias is not None else None,
            "stride": list(c["stride"]),
            "padding": list(c["padding"]),
            "dilation": list(c["dilation"]),
            "groups": c["groups"],
            "output": record(y),
        })
    return cases


def batch_norm_case():
    x = torch.randn(4, 3, 2, 2) * 2 + 1
    running_mean = torch.tensor([0.5, -0.25, 0.0])
    running_var = torch.tensor([1.5, 0.75, 1.0])
    weight = torch.randn(3)
    bias = torch.randn(3)
    start_mean, start_var = running_mean.clone(), running_var.clone()
    train_out = F.batch_norm(x, running_mean, running_var, weight, bias, training=True, momentum=0.2, eps=1e-3)
    eval_out = F.batch_norm(x, running_mean, running_var, weight, bias, training=False, momentum=0.2, eps=1e-3)
    return {
        "input": record(x),
        "running_mean": flat(start_mean),
        "running_var": flat(start_var),
        "weight": flat(weight),
        "bias": flat(bias),
        "momentum": 0.2,
        "eps": 1e-3,
        "train_output": record(train_out),
        "running_mean_after": flat(running_mean),
        "running_var_after": flat(running_var),
        "eval_output": record(eval_out),
    }


def cross_entropy_case():
    logits = torch.randn(6, 4) * 2
    target = torch.tensor([0, 3, 1, 2, 3, 1])
    weight = torch.tensor([0.5, 2.0, 1.0, 1.5])
    ignore_index = 2
    smoothing = 0.15
    out = {}
    for name, reduction in [("mean", "mean"), ("sum", "sum"), ("none", "none")]:
        loss = F.cross_entropy(logits, target, weight=weight, ignore_index=ignore_index, reduction=reduction, label_smoothing=smoothing)
        out[name] = flat(loss.reshape(-1))
    return {
        "logits": record(logits),
        "target": target.tolist(),
        "weight": flat(weight),
        "ignore_index": ignore_index,
        "label_smoothing": smoothing,
        "losses": out,
    }


def gelu_case():
    x = torch.linspace(-4, 4, 33)
    return {"input": flat(x), "exact": flat(F.gelu(x)), "tanh": flat(F.gelu(x, approximate="tanh"))}


def main():
    torch.manual_seed(1234)
    fixture = {
        "torch_version": torch.__version__,
        "conv2d": conv_cases(),
        "batch_norm": batch_norm_case(),
        "cross_entropy": cross_entropy_case(),
        "gelu": gelu_case(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "functional.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
