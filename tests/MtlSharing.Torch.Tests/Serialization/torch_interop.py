"""PyTorch side of the checkpoint interop tests (TorchInteropTests.cs).

    torch_interop.py save PATH   builds the model below, runs one training-mode batch so that
                                 BatchNorm's running statistics move, saves state_dict() to PATH
                                 with torch.save's defaults and prints the entries as JSON.
    torch_interop.py load PATH   loads PATH with torch.load, checks that the model accepts it with
                                 load_state_dict, and prints the entries as JSON.

The JSON maps each key to {"shape", "dtype", "sum", "weighted_sum"}, where weighted_sum is
sum(value[i] * (i + 1)) over the flattened values, so that it also checks their order; "load"
adds "model_state_equal".
"""
import json
import sys

import torch
from torch import nn


def build_model():
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(1, 4, 3),
        nn.BatchNorm2d(4),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(4 * 4 * 4, 3),
    )


def describe(state):
    entries = {}
    for key, value in state.items():
        flat = value.double().flatten()
        entries[key] = {
            "shape": list(value.shape),
            "dtype": str(value.dtype).replace("torch.", ""),
            "sum": flat.sum().item(),
            "weighted_sum": (flat * torch.arange(1, flat.numel() + 1)).sum().item(),
        }
    return entries


def save(path):
    model = build_model()
    model.train()
    model(torch.randn(8, 1, 6, 6))
    state = model.state_dict()
    torch.save(state, path)
    print(json.dumps({"entries": describe(state)}))


def load(path):
    state = torch.load(path)
    model = build_model()
    model.load_state_dict({key: state[key] for key in model.state_dict()})
    equal = all(torch.equal(value, state[key]) for key, value in model.state_dict().items())
    print(json.dumps({"entries": describe(state), "model_state_equal": equal}))


if __name__ == "__main__":
    {"save": save, "load": load}[sys.argv[1]](sys.argv[2])
