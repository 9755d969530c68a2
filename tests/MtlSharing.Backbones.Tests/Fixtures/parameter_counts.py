#!/usr/bin/env python3
"""Prints the parameter counts of torchvision's models that MtlSharing.Backbones builds, with 1000
classes, as the tests assert them (TorchvisionCompatibilityTests). Run with Debian's python3-torch
and python3-torchvision:

    python3 parameter_counts.py

torchvision 0.14.1 prints:

resnet18 11,689,512
resnet34 21,797,672
resnet50 25,557,032
mobilenet_v2 3,504,872
mobilenet_v3_small 2,542,856
mobilenet_v3_large 5,483,032
vgg11_bn 132,868,840
vgg13_bn 133,053,736
vgg16_bn 138,365,992
vgg19_bn 143,678,248

These equal the counts torchvision publishes with its weights (the num_params of each model's
weights enum, e.g. MobileNet_V3_Small_Weights.IMAGENET1K_V1.meta["num_params"]).
"""
import torchvision

MODELS = ["resnet18", "resnet34", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large",
          "vgg11_bn", "vgg13_bn", "vgg16_bn", "vgg19_bn"]

for name in MODELS:
    model = getattr(torchvision.models, name)()
    count = sum(p.numel() for p in model.parameters())
    published = torchvision.models.get_model_weights(name).IMAGENET1K_V1.meta["num_params"]
    assert count == published, f"{name}: {count} parameters, torchvision publishes {published}"
    print(name, f"{count:,}")
