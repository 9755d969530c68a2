#!/usr/bin/env bash
# Trains the same small CNN with TorchSharp (the engine MtlSharing runs on: TorchSharp 0.107 and the
# libtorch 2.10 of its TorchSharp-cpu package) and with PyTorch 1.13 (Debian's python3-torch), in one
# invocation, under the same environment and thread count, then prints the steps per second of each
# and the ratio. It also times one tiny in-place operator on each side (per-operator overhead).
# The two sides run different libtorch builds, so the ratio compares engines, not bindings alone.
#   benchmarks/engine_vs_pytorch.sh [--steps N] [--warmup N] [--threads N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

steps=60 warmup=5 threads=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

python=python3
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then python=/usr/bin/python3; fi
$python -c 'import torch' 2>/dev/null || { echo "PyTorch not found: sudo apt-get install -y python3-torch" >&2; exit 1; }

dotnet build benchmarks/EngineSpeed -c Release -nologo -clp:ErrorsOnly >/dev/null
engine="benchmarks/EngineSpeed/bin/Release/net10.0/EngineSpeed"

ours=$("$engine" --steps "$steps" --warmup "$warmup" --threads "$threads")
theirs=$($python benchmarks/torch_side/train_small_cnn.py --steps "$steps" --warmup "$warmup" --threads "$threads")
ours_op=$("$engine" --op-overhead)
theirs_op=$($python benchmarks/torch_side/train_small_cnn.py --op-overhead --threads "$threads")

$python - "$ours" "$theirs" "$ours_op" "$theirs_op" <<'PY'
import json, sys
ours, theirs, ours_op, theirs_op = (json.loads(a) for a in sys.argv[1:])
print(f"small CNN, batch 128 of 1x28x28, SGD momentum, {ours['threads']} threads")
print(f"  TorchSharp        {ours['steps_per_second']:8.2f} steps/s  ({ours['ms_per_step']:.1f} ms/step)")
print(f"  PyTorch 1.13      {theirs['steps_per_second']:8.2f} steps/s  ({theirs['ms_per_step']:.1f} ms/step)")
print(f"  ratio (ours / PyTorch): {ours['steps_per_second'] / theirs['steps_per_second']:.3f}  (target >= 0.95)")
print(f"one in-place add on a 1-element tensor")
print(f"  TorchSharp        {ours_op['us_per_op']:.3f} us/op")
print(f"  PyTorch 1.13      {theirs_op['us_per_op']:.3f} us/op")
PY
