#!/usr/bin/env bash
# Records pytorch_params.jsonl: PyTorch's parameter counts, forward multiply-adds per image and
# block lists of the compared model, per layout, as benchmarks/compare/pytorch_side.py builds it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
/usr/bin/python3 ../../../benchmarks/compare/pytorch_side.py --modes params --threads 1 \
  --layout bottom:2,top:2,shared,independent,bottom:9 > pytorch_params.jsonl
