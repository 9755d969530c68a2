#!/usr/bin/env bash
# Records pytorch_params.jsonl: PyTorch's parameter counts, forward multiply-adds per image and
# block lists of the compared model, per layout, as benchmarks/compare/pytorch_side.py builds it,
# for both networks compare.sh runs: the small-image stem at 32x32 (its default) and torchvision's
# standard stem at 64x64. Each line names its stem and image size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
side=../../../benchmarks/compare/pytorch_side.py
{
  /usr/bin/python3 "$side" --modes params --threads 1 --layout bottom:2,top:2,shared,independent,bottom:9
  /usr/bin/python3 "$side" --modes params --threads 1 --stem standard --image-size 64 \
    --layout shared,bottom:3,top:3,independent
} > pytorch_params.jsonl
