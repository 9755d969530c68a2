#!/usr/bin/env python3
"""Records what torchvision 0.14 and PyTorch 1.13 produce for the models MtlSharing.Backbones builds.

MtlSharing.Backbones builds ResNet, MobileNetV2, MobileNetV3 and VGG-BN with TorchVision (the .NET
port, TorchSharp's TorchVision 0.107); these recordings are what the tests compare it with. Run it
from this directory with Debian's python3-torch and python3-torchvision (apt-get install
python3-torchvision):

    python3 record_backbones.py

It writes:

torchvision.json   For resnet18, resnet34, resnet50, mobilenet_v2, mobilenet_v3_small,
                   mobilenet_v3_large, vgg11_bn and vgg16_bn with 1000 classes: the parameter count
                   and every state_dict key with its shape. Then, for a few models and input sizes,
                   each block's output shape, parameters and multiply-adds, counted with forward
                   hooks (see `block_costs`).
variants.json      Variants of every family (reduced widths where the family has a width option):
                   the options that build them, and a summary (sum, sum of squares) of every
                   state_dict tensor right after torch.manual_seed(0) and construction, and the
                   next four numbers torch.randn draws then, for initialisation parity.
<name>.pt          A variant's state_dict, saved with torch.save: the seeded initialisation with
                   random BatchNorm scales and shifts and running statistics calibrated on one
                   random batch, so that evaluation-mode outputs are non-trivial.
                   Full-size variants (MobileNetV3, VGG) have no file, to keep the repository small:
                   their weights are the seeded initialisation changed by `perturb`, whose draws the
                   tests repeat in .NET (Fixture.Perturb) to get the same tensors.
<name>.io.pt       {"input": x, "output": y}: a random input and the evaluation-mode output.

It also checks the other direction: resnet18_w3.dotnet.pt is resnet18_w3.pt loaded into
MtlSharing.Backbones' ResNet and saved by TorchSharp.PyBridge's save_py (the test
Checkpoint_saved_here_is_the_file_pytorch_loads pins its bytes). `check_dotnet_checkpoint` loads it
with torch.load and load_state_dict(strict=True) into torchvision's ResNet and asserts its output.

parameter_counts.py prints torchvision's published parameter counts that the tests assert.

The reduced ResNets are torchvision's ResNet class with the stem and widths made configurable
(`WidthResNet`); with width 64, the ImageNet stem and 1000 classes it equals torchvision.models.resnet18
in every key, shape and seeded value, which the script checks. The small CNN and the MLP are
MtlSharing's own designs, mirrored here.
"""
import json
import os
from collections import defaultdict

import torch
import torchvision
from torch import nn
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet
from torchvision.ops.misc import SqueezeExcitation

DEPTHS = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]), 50: (Bottleneck, [3, 4, 6, 3])}


class WidthResNet(ResNet):
    """torchvision's ResNet with a chosen width, stem and head, built and initialised in its order."""

    def __init__(self, depth, width=64, small_stem=False, classes=1000):
        nn.Module.__init__(self)
        block, layers = DEPTHS[depth]
        self._norm_layer = nn.BatchNorm2d
        self.inplanes, self.dilation, self.groups, self.base_width = width, 1, 1, 64
        if small_stem:
            self.conv1 = nn.Conv2d(3, width, kernel_size=3, stride=1, padding=1, bias=False)
        else:
            self.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.Identity() if small_stem else nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, width, layers[0])
        self.layer2 = self._make_layer(block, 2 * width, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 4 * width, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 8 * width, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(8 * width * block.expansion, classes) if classes else nn.Identity()
        init_like_resnet(self)


def init_like_resnet(model):
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.constant_(m.weight, 1)
            nn.init.constant_(m.bias, 0)


class SmallCnn(nn.Module):
    """Stages of 3x3 conv (no bias), BatchNorm, ReLU and 2x2 max-pool; global average pool; fc."""

    def __init__(self, in_channels=3, channels=(32, 64, 128), classes=10):
        super().__init__()
        stages = []
        for c in channels:
            stages.append(nn.Sequential(
                nn.Conv2d(in_channels, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(inplace=True), nn.MaxPool2d(2)))
            in_channels = c
        self.features = nn.Sequential(*stages)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(in_channels, classes) if classes else nn.Identity()
        init_like_resnet(self)

    def forward(self, x):
        return self.fc(torch.flatten(self.avgpool(self.features(x)), 1))


class Mlp(nn.Module):
    """Hidden layers of Linear and ReLU, then fc; PyTorch's default Linear initialisation."""

    def __init__(self, features, hidden=(256, 256), classes=10):
        super().__init__()
        layers = []
        for h in hidden:
            layers.append(nn.Sequential(nn.Linear(features, h), nn.ReLU(inplace=True)))
            features = h
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(features, classes) if classes else nn.Identity()

    def forward(self, x):
        return self.fc(self.layers(x))


def build(options):
    family = options["family"]
    small = options.get("stem") == "small"
    if family.startswith("resnet"):
        return WidthResNet(int(family[6:]), options["width"], small, options["classes"])
    if family == "mobilenet_v2":
        model = torchvision.models.mobilenet_v2(width_mult=options["width_multiplier"], num_classes=options["classes"])
        if small:
            model.features[0][0].stride = (1, 1)
        return model
    if family in ("mobilenet_v3_small", "mobilenet_v3_large"):
        model = getattr(torchvision.models, family)(num_classes=options["classes"])
        if small:
            model.features[0][0].stride = (1, 1)
        return model
    if family == "vgg11_bn":
        return torchvision.models.vgg11_bn(num_classes=options["classes"])
    if family == "small_cnn":
        return SmallCnn(options["input_channels"], options["channels"], options["classes"])
    if family == "mlp":
        return Mlp(options["input_features"], options["hidden"], options["classes"])
    raise ValueError(family)


def resnet_blocks(depth, small_stem=False):
    stem = ["conv1", "bn1", "relu"] + ([] if small_stem else ["maxpool"])
    counts = DEPTHS[depth][1]
    return [stem] + [[f"layer{i + 1}.{j}"] for i, n in enumerate(counts) for j in range(n)]


def block_costs(model, blocks, head, shape):
    """Per block: output shape (of its last module), parameters, and multiply-adds of its Conv2d
    and Linear layers at batch size 1 (conv: output elements x in_channels / groups x kH x kW;
    linear: output elements x in_features; nothing else counted)."""
    groups = [(str(i), paths) for i, paths in enumerate(blocks)] + ([("head", head)] if head else [])
    owner = {}
    for key, paths in groups:
        for path in paths:
            for m in model.get_submodule(path).modules():
                owner[m] = key
    macs, outputs, handles = defaultdict(int), {}, []

    def count(m, inputs, out):
        if isinstance(m, nn.Conv2d):
            macs[owner[m]] += out.numel() * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            macs[owner[m]] += out.numel() * m.in_features

    for m in model.modules():
        handles.append(m.register_forward_hook(count))
    for key, paths in groups:
        handles.append(model.get_submodule(paths[-1]).register_forward_hook(
            lambda m, i, out, key=key: outputs.__setitem__(key, list(out.shape[1:]))))
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, *shape))
    for h in handles:
        h.remove()
    rows = []
    for key, paths in groups:
        params = {id(p): p.numel() for path in paths for p in model.get_submodule(path).parameters()}
        rows.append({"block": key, "paths": paths, "output": outputs[key], "parameters": sum(params.values()), "macs": macs[key]})
    return rows


def torchvision_reference():
    models = {}
    for name in ["resnet18", "resnet34", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large", "vgg11_bn", "vgg16_bn"]:
        model = getattr(torchvision.models, name)()
        models[name] = {
            "parameters": sum(p.numel() for p in model.parameters()),
            "state": [[k, list(v.shape)] for k, v in model.state_dict().items()],
        }
    mobilenet_blocks = [[f"features.{i}"] for i in range(19)]
    mobilenet_v3_small_blocks = [[f"features.{i}"] for i in range(13)]
    costs = {
        "mobilenet_v3_small_224": block_costs(torchvision.models.mobilenet_v3_small(), mobilenet_v3_small_blocks, ["classifier"], (3, 224, 224)),
        "vgg11_bn_10_32": block_costs(torchvision.models.vgg11_bn(num_classes=10), vgg_blocks(torchvision.models.vgg11_bn()), ["classifier"], (3, 32, 32)),
        "resnet18_224": block_costs(torchvision.models.resnet18(), resnet_blocks(18), ["fc"], (3, 224, 224)),
        "mobilenet_v2_224": block_costs(torchvision.models.mobilenet_v2(), mobilenet_blocks, ["classifier"], (3, 224, 224)),
        "resnet18_small_headless_32": block_costs(WidthResNet(18, 64, True, None), resnet_blocks(18, True), [], (3, 32, 32)),
        "resnet34_64": block_costs(torchvision.models.resnet34(), resnet_blocks(34), ["fc"], (3, 64, 64)),
        "resnet50_64": block_costs(torchvision.models.resnet50(), resnet_blocks(50), ["fc"], (3, 64, 64)),
    }
    return {"models": models, "costs": costs}


def vgg_blocks(model):
    """One block per convolution, with the layers that follow it up to the next convolution."""
    blocks = []
    for name, m in model.features.named_children():
        if isinstance(m, nn.Conv2d):
            blocks.append([])
        blocks[-1].append(f"features.{name}")
    return blocks


def check_width_resnet_equals_torchvision():
    torch.manual_seed(0)
    reference = torchvision.models.resnet18().state_dict()
    torch.manual_seed(0)
    mirror = WidthResNet(18).state_dict()
    assert list(reference) == list(mirror)
    assert all(torch.equal(reference[k], mirror[k]) for k in reference)


def summary(state):
    return {k: [v.double().sum().item(), v.double().pow(2).sum().item()] for k, v in state.items()}


def calibrate(model, shape):
    torch.manual_seed(1)
    batch_norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    with torch.no_grad():
        for m in batch_norms:
            m.weight.copy_(1 + 0.2 * torch.randn_like(m.weight))
            m.bias.copy_(0.1 * torch.randn_like(m.bias))
            m.reset_running_stats()
            m.momentum = None
        model.train()
        model(torch.randn(16, *shape))
    for m in batch_norms:
        m.momentum = 0.1
    model.eval()


def perturb(model):
    """Weights for the full-size variants without a weights file, made only of draws that .NET
    repeats (Fixture.Perturb): after manual_seed(1), in named_modules order, each BatchNorm2d gets
    random scales, shifts and running statistics, and each squeeze-and-excitation layer a fc1 bias
    around 4, so that its ReLU often sees values above 6 (where ReLU and ReLU6 differ); each Linear
    weight (N(0, 0.01²) after initialisation) is multiplied by 16, exactly, so that outputs are
    not tiny."""
    torch.manual_seed(1)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.copy_(1 + 0.2 * torch.randn_like(m.weight))
                m.bias.copy_(0.1 * torch.randn_like(m.bias))
                m.running_mean.copy_(0.1 * torch.randn_like(m.running_mean))
                m.running_var.copy_(0.5 + torch.rand_like(m.running_var))
            elif isinstance(m, SqueezeExcitation):
                m.fc1.bias.copy_(4 + 4 * torch.randn_like(m.fc1.bias))
            elif isinstance(m, nn.Linear):
                m.weight.mul_(16)
    model.eval()


def squeeze_maximum(model, x):
    """The largest value any squeeze-and-excitation ReLU receives for input x."""
    seen = [float("-inf")]
    handles = [m.activation.register_forward_pre_hook(lambda _, i: seen.__setitem__(0, max(seen[0], i[0].max().item())))
               for m in model.modules() if isinstance(m, SqueezeExcitation)]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return seen[0]


VARIANTS = [
    ("resnet18_w3", {"family": "resnet18", "stem": "imagenet", "width": 3, "classes": 10}, [2, 3, 32, 32], None),
    ("resnet18_w2_small_headless", {"family": "resnet18", "stem": "small", "width": 2, "classes": None}, [2, 3, 16, 16], None),
    ("resnet34_w2_small", {"family": "resnet34", "stem": "small", "width": 2, "classes": 10}, [2, 3, 16, 16], None),
    ("resnet50_w2", {"family": "resnet50", "stem": "imagenet", "width": 2, "classes": 10}, [2, 3, 32, 32], None),
    ("mobilenet_v2_x0_1", {"family": "mobilenet_v2", "stem": "imagenet", "width_multiplier": 0.1, "classes": 4}, [2, 3, 32, 32], None),
    ("mobilenet_v2_x0_1_small", {"family": "mobilenet_v2", "stem": "small", "width_multiplier": 0.1, "classes": 4}, [2, 3, 16, 16], "mobilenet_v2_x0_1"),
    ("small_cnn", {"family": "small_cnn", "input_channels": 1, "channels": [8, 16], "classes": 10}, [2, 1, 12, 12], None),
    ("mlp", {"family": "mlp", "input_features": 6, "hidden": [16, 8], "classes": 3}, [4, 6], None),
    ("mobilenet_v3_small", {"family": "mobilenet_v3_small", "stem": "imagenet", "classes": 10}, [2, 3, 64, 64], "perturb"),
    ("mobilenet_v3_large_small", {"family": "mobilenet_v3_large", "stem": "small", "classes": 1000}, [2, 3, 32, 32], "perturb"),
]

# Built and compared by their own tests, not by every variant theory: VGG is large.
LARGE_VARIANTS = [
    ("vgg11_bn", {"family": "vgg11_bn", "classes": 10}, [2, 3, 32, 32], "perturb"),
]


def record_variants(variants_list):
    variants = {}
    for name, options, input_shape, weights_of in variants_list:
        torch.manual_seed(0)
        model = build(options)
        initial = summary(model.state_dict())
        next_draw = torch.randn(4).tolist()
        entry = {"options": options, "io": f"{name}.io.pt", "initial_state": initial, "next_draw": next_draw}
        if weights_of == "perturb":
            perturb(model)
            entry["weights"] = None
        elif weights_of is None:
            calibrate(model, input_shape[1:])
            torch.save(model.state_dict(), f"{name}.pt")
            entry["weights"] = f"{name}.pt"
        else:
            model.load_state_dict(torch.load(f"{weights_of}.pt"))
            entry["weights"] = f"{weights_of}.pt"
        model.eval()
        torch.manual_seed(2)
        x = torch.randn(*input_shape)
        with torch.no_grad():
            y = model(x)
        assert y.abs().max() > 0.1, f"{name}: outputs too small to compare"
        if any(isinstance(m, SqueezeExcitation) for m in model.modules()):
            entry["squeeze_maximum"] = squeeze_maximum(model, x)
            assert entry["squeeze_maximum"] > 6, f"{name}: no squeeze-and-excitation input above 6"
        torch.save({"input": x, "output": y}, f"{name}.io.pt")
        variants[name] = entry
    return variants


def check_dotnet_checkpoint():
    """resnet18_w3.dotnet.pt, written by .NET, loads strictly into torchvision's ResNet and gives the recorded output."""
    if not os.path.exists("resnet18_w3.dotnet.pt"):
        print("resnet18_w3.dotnet.pt is missing: the .NET test Checkpoint_saved_here_is_the_file_pytorch_loads writes it to its output folder")
        return
    state = torch.load("resnet18_w3.dotnet.pt")
    model = WidthResNet(18, 3, False, 10)
    model.load_state_dict(state, strict=True)
    model.eval()
    io = torch.load("resnet18_w3.io.pt")
    with torch.no_grad():
        assert torch.equal(model(io["input"]), io["output"]), "the .NET checkpoint gives other outputs"
    print("resnet18_w3.dotnet.pt: loaded with strict=True,", len(state), "tensors, outputs equal")


def main():
    check_width_resnet_equals_torchvision()
    with open("torchvision.json", "w") as f:
        json.dump(torchvision_reference(), f, separators=(",", ":"))
    with open("variants.json", "w") as f:
        json.dump(record_variants(VARIANTS), f, separators=(",", ":"))
    with open("large_variants.json", "w") as f:
        json.dump(record_variants(LARGE_VARIANTS), f, separators=(",", ":"))
    check_dotnet_checkpoint()


if __name__ == "__main__":
    main()
