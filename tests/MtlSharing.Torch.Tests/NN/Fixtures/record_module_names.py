#!/usr/bin/env python3
"""Records what PyTorch reports for the nested model that NN/NestedNet.cs mirrors.

Run it with a Python that has PyTorch 1.13 (on Debian: /usr/bin/python3, package python3-torch)
from this directory:

    /usr/bin/python3 record_module_names.py > module_names.json

It writes the names and order of named_modules, named_parameters, named_buffers and state_dict,
the parameter count, and, after torch.manual_seed(0), a summary of every state_dict tensor
(sum, sum of squares, first values), the eval-mode output for a fixed input after one
training-mode forward, and the exact weights of a seeded Linear(4, 3) and Conv2d(2, 3, 2).
The C# model is built in the same order, so the same generator draws give the same weights.
"""
import json

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(y + shortcut)


class NestedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU()
        self.layer1 = nn.Sequential(Block(8, 8, 1), Block(8, 16, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.norm = nn.LayerNorm(16)
        self.heads = nn.ModuleDict({"cars": nn.Linear(16, 5), "birds": nn.Linear(16, 3)})
        self.extra = nn.ModuleList([nn.Linear(16, 16), nn.Dropout(0.1)])
        self.register_buffer("scale", torch.full((1,), 2.0))
        self.register_buffer("cache", torch.zeros(2), persistent=False)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.norm(self.flatten(self.pool(self.layer1(x))))
        return self.heads["cars"](x) * self.scale


def summary(tensor):
    values = tensor.detach().double().flatten()
    return {
        "shape": list(tensor.shape),
        "sum": values.sum().item(),
        "sum_of_squares": (values * values).sum().item(),
        "first": values[:4].tolist(),
    }


def main():
    torch.manual_seed(0)
    model = NestedNet()
    state = model.state_dict()
    record = {
        "named_modules": [[name, type(module).__name__] for name, module in model.named_modules()],
        "named_parameters": [name for name, _ in model.named_parameters()],
        "named_buffers": [name for name, _ in model.named_buffers()],
        "state_dict": list(state.keys()),
        "parameter_count": sum(p.numel() for p in model.parameters()),
        "initial_state": {key: summary(value) for key, value in state.items()},
    }

    x = torch.linspace(-1, 1, 2 * 3 * 8 * 8).reshape(2, 3, 8, 8)
    model.train()
    model(x)
    model.eval()
    with torch.no_grad():
        record["eval_output"] = model(x).flatten().tolist()
    record["running_var_after_step"] = model.layer1[1].bn2.running_var.tolist()

    torch.manual_seed(0)
    linear = nn.Linear(4, 3)
    record["seeded_linear"] = {"weight": linear.weight.flatten().tolist(), "bias": linear.bias.tolist()}
    conv = nn.Conv2d(2, 3, 2)
    record["seeded_conv_after_linear"] = {"weight": conv.weight.flatten().tolist(), "bias": conv.bias.tolist()}
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()
