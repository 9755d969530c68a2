"""PyTorch side of the file-format interop tests (TorchInteropTests.cs).

    torch_interop.py save-state PATH      builds the model below, runs one training-mode batch so that
                                          BatchNorm's running statistics move, adds entries of other
                                          types and views (a slice of a larger storage, a transposed
                                          tensor), saves the state dict to PATH with torch.save's
                                          defaults and prints its entries as JSON.
    torch_interop.py save-tensors DIR     saves bare tensors with torch.save(tensor, DIR/<kind>.pt) and
                                          prints them as JSON, by kind.
    torch_interop.py load-state PATH      loads PATH with torch.load, checks that it is a dict and that
                                          the model accepts it with load_state_dict, and prints the
                                          entries as JSON.
    torch_interop.py load-tensors PATH..  loads each PATH with torch.load and prints what it holds as
                                          JSON, by path.

Each tensor is described by {"type", "shape", "dtype", "requires_grad", "sum", "weighted_sum",
"values"}, where weighted_sum is sum(value[i] * (i + 1)) over the flattened values, so that it also
checks their order, and values lists the flattened values (as floats) of tensors of up to 64 elements.
"""
import json
import os
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


def describe(value):
    if not isinstance(value, torch.Tensor):
        return {"type": type(value).__name__}
    flat = value.detach().double().flatten()
    return {
        "type": "tensor",
        "shape": list(value.shape),
        "dtype": str(value.dtype).replace("torch.", ""),
        "requires_grad": value.requires_grad,
        "sum": flat.sum().item(),
        "weighted_sum": (flat * torch.arange(1, flat.numel() + 1)).sum().item(),
        "values": flat.tolist() if flat.numel() <= 64 else None,
    }


def save_state(path):
    model = build_model()
    model.train()
    model(torch.randn(8, 1, 6, 6))
    state = model.state_dict()
    storage = torch.arange(10.0)
    state["extra.view"] = storage[2:5]
    state["extra.same_storage"] = storage[6:]
    state["extra.transposed"] = torch.arange(6.0).reshape(2, 3).t()
    state["extra.float64"] = torch.tensor([0.1, -2.5], dtype=torch.float64)
    state["extra.float16"] = torch.tensor([1.5, -3.0, 65504.0], dtype=torch.float16)
    state["extra.bfloat16"] = torch.tensor([1.5, -3.0, 3.0e38], dtype=torch.bfloat16)
    state["extra.int32"] = torch.tensor([-(2**31), 5], dtype=torch.int32)
    state["extra.uint8"] = torch.tensor([0, 255], dtype=torch.uint8)
    state["extra.bool"] = torch.tensor([True, False, True])
    state["extra.scalar"] = torch.tensor(7)
    torch.save(state, path)
    print(json.dumps({"entries": {key: describe(value) for key, value in state.items()}}))


def save_tensors(directory):
    torch.manual_seed(1)
    big = torch.arange(100.0)
    tensors = {
        "slice": big[10:13],
        "row": torch.arange(12, dtype=torch.int64).reshape(3, 4)[1],
        "transposed": torch.randn(3, 4).t(),
        "bfloat16": torch.tensor([[1.5, -2.0], [0.25, 3.0e38]], dtype=torch.bfloat16),
        "float16": torch.tensor([1.5, -3.0, 65504.0], dtype=torch.float16),
        "bool": torch.tensor([True, False]),
        "uint8": torch.tensor([0, 7, 255], dtype=torch.uint8),
        "scalar": torch.tensor(2.5, dtype=torch.float64),
        "parameter": nn.Parameter(torch.randn(2, 3)),
        "empty": torch.zeros(0, 3),
    }
    for kind, tensor in tensors.items():
        torch.save(tensor, os.path.join(directory, kind + ".pt"))
    print(json.dumps({kind: describe(tensor) for kind, tensor in tensors.items()}))


def load_state(path):
    state = torch.load(path)
    model = build_model()
    model.load_state_dict({key: state[key] for key in model.state_dict()})
    equal = all(torch.equal(value, state[key]) for key, value in model.state_dict().items())
    print(json.dumps({
        "type": type(state).__name__,
        "entries": {key: describe(value) for key, value in state.items()},
        "model_state_equal": equal,
    }))


def load_tensors(paths):
    print(json.dumps({path: describe(torch.load(path)) for path in paths}))


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "load-tensors":
        load_tensors(arguments)
    else:
        {"save-state": save_state, "save-tensors": save_tensors, "load-state": load_state}[command](arguments[0])
