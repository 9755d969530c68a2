#!/usr/bin/env bash
# Runs the same multi-task ResNet-18 (by default the small-image stem on 3x32x32 inputs) three ways
# in one invocation, under the same environment and thread count: MtlSharing's model, the same network
# written by hand in TorchSharp without MtlSharing, and PyTorch 1.13 (Debian's python3-torch and
# python3-torchvision). It prints each side's training images per second, the ratios
# MtlSharing / hand-written and MtlSharing / PyTorch and the targets (report.py).
#
#   benchmarks/compare/compare.sh [--layout shared,bottom:3,top:3,independent] [--modes loop,bf16-loop]
#       [--all] [--steps 10] [--warmup 3] [--rounds 3] [--batch 32] [--tasks 4] [--threads 2]
#       [--out DIR] [--memory-format contiguous|channels-last] [--stem small|standard] [--image-size 32]
#
# --memory-format channels-last lays out both .NET sides' models and inputs channels last; the
# PyTorch side stays the straightforward user code. --stem small (3x3 stride-1 conv1, no max-pool)
# or standard (torchvision's 7x7 stride-2 conv1 and max-pool) and --image-size (at least 32) pick
# the network on every side; each result line and the report name them.
# Layouts number blocks as MtlSharing's ResNet publishes them (0 = stem, 1..8 = layer1.0..layer4.1).
# Modes: loop, batched, bf16-loop, bf16-batched, inference, peak (see pytorch_side.py); --all runs
# every mode the MtlSharing side offers. The hand-written side runs loop and bf16-loop (the per-task
# loop a user writes). First every side prints its parameter counts per layout and the run stops if
# any differ. Then each round runs one layout on each side in turn, and the order of the sides is
# reversed every other round, so slow drift of the machine affects all sides alike; report.py gives
# each ratio as the median over rounds of that round's ratio. Results go to DIR (default
# benchmarks/compare/results): results.jsonl (raw lines), results.md and one CSV per table.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command_line="benchmarks/compare/compare.sh $*"

layouts="shared,bottom:3,top:3,independent" modes="loop,bf16-loop" all=0
steps=10 warmup=3 rounds=3 batch=32 tasks=4 threads=2 out="$here/results" memory_format=contiguous
stem=small image_size=32
number() { [[ "$2" =~ ^[0-9]+$ ]] || { echo "compare.sh: $1 needs a whole number, got '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --layout) layouts=$2 ;;
    --modes) modes=$2 ;;
    --all) all=1; shift; continue ;;
    --steps|--warmup|--rounds|--batch|--tasks|--threads) number "$1" "${2-}"; declare "${1#--}=$2" ;;
    --out) out=$2 ;;
    --memory-format) memory_format=$2 ;;
    --stem) stem=$2 ;;
    --image-size) number "$1" "${2-}"; image_size=$2 ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
  [ $# -ge 2 ] || { echo "compare.sh: option $1 needs a value" >&2; exit 2; }
  shift 2
done
[ "$rounds" -ge 1 ] || { echo "compare.sh: --rounds must be at least 1" >&2; exit 2; }

python=/usr/bin/python3
"$python" -c 'import torch, torchvision' 2>/dev/null \
  || { echo "compare.sh: PyTorch and torchvision not found for $python: sudo apt-get install -y python3-torch python3-torchvision" >&2; exit 1; }

if ! build_log=$(dotnet build "$here/MtlSharing.Compare" -c Release -nologo -clp:ErrorsOnly 2>&1); then
  echo "$build_log" >&2
  echo "compare.sh: building MtlSharing.Compare failed" >&2
  exit 1
fi
dotnet_bin="$here/MtlSharing.Compare/bin/Release/net10.0/MtlSharing.Compare"
if [ "$all" -eq 1 ]; then
  modes=$("$dotnet_bin" --help-modes)
fi

# The modes of a comma-separated list that a side offers (its --help-modes), comma-separated.
offered() { tr ',' '\n' <<< "$1" | grep -x -F -f <(tr ',' '\n' <<< "$2") | paste -sd, - || true; }
hand_modes=$("$dotnet_bin" --help-modes hand-written)

# The same environment for every side: one thread count everywhere, everything else inherited.
export OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
common=(--tasks "$tasks" --batch "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads"
  --stem "$stem" --image-size "$image_size")
ours() { "$dotnet_bin" --side mtlsharing "$@" "${common[@]}" --memory-format "$memory_format"; }
hand() { "$dotnet_bin" --side hand-written "$@" "${common[@]}" --memory-format "$memory_format"; }
theirs() { "$python" "$here/pytorch_side.py" "$@" "${common[@]}"; }
# Runs a side on a layout with the modes it offers of a list (nothing when it offers none), each
# JSON line tagged with the round, so that report.py can pair the sides' lines round by round.
run_side() {
  local side=$1 layout=$2 wanted=$3 round=$4 side_modes
  side_modes=$wanted
  if [ "$side" = hand ]; then side_modes=$(offered "$wanted" "$hand_modes"); fi
  [ -n "$side_modes" ] || return 0
  "$side" --layout "$layout" --modes "$side_modes" | sed "s/^{/{\"round\": $round, /" >> "$results"
}

mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"
echo "== parameter counts (every side must agree)"
ours --layout "$layouts" --modes params >> "$results"
hand --layout "$layouts" --modes params >> "$results"
theirs --layout "$layouts" --modes params >> "$results"
"$python" "$here/report.py" "$results" --check-params

timed_modes=$(tr ',' '\n' <<< "$modes" | grep -v -x -e params -e peak | paste -sd, - || true)
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=(ours hand theirs); else order=(theirs hand ours); fi
  if grep -q -w peak <<< "${modes//,/ }"; then
    echo "== round $round/$rounds: FP32 peaks (MtlSharing and PyTorch)"
    for side in "${order[@]}"; do run_side "$side" shared peak "$round"; done
  fi
  if [ -n "$timed_modes" ]; then
    for layout in ${layouts//,/ }; do
      echo "== round $round/$rounds: $layout, $timed_modes (${order[*]})"
      for side in "${order[@]}"; do run_side "$side" "$layout" "$timed_modes" "$round"; done
    done
  fi
done

echo
"$python" "$here/report.py" "$results" --out "$out" --command "$command_line"
echo
echo "raw lines: $results; tables: $out/results.md and $out/*.csv"
