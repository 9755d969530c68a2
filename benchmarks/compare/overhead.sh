#!/usr/bin/env bash
# Measures what MtlSharing's routing costs against the same network written by hand in TorchSharp,
# paired in one process so that the machine's drift cancels: MtlSharing.Compare --side paired builds
# both models of a layout (same options, memory format and batches) and alternates their single
# training steps in ABBA order after the warm-up, timing each step. Per layout and mode it prints
# both sides' images/s, the ratio MtlSharing / hand-written (median over pairs of each pair's ratio)
# with a 95% interval, the overhead 1 - ratio, and the verdict against "routing costs under 2%":
# met if the interval's lower end is >= 0.98, missed if its upper end is < 0.98, else not resolved.
#
#   benchmarks/compare/overhead.sh [--layout shared,bottom:3,top:3,independent] [--modes loop,bf16-loop]
#       [--pairs 20] [--warmup 3] [--threads 2] [--memory-format contiguous|channels-last]
#       [--stem small|standard] [--image-size 32] [--tasks 4] [--batch 32] [--out DIR]
#
# The step times are those of compare.sh's loop and bf16-loop modes (same model, step and batches);
# only the pairing differs. Results go to DIR (default benchmarks/compare/results/overhead):
# results.jsonl (one line per layout and mode, with every step's time) and results.md (the table,
# also printed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command_line="benchmarks/compare/overhead.sh $*"

layouts="shared,bottom:3,top:3,independent" modes="loop,bf16-loop"
pairs=20 warmup=3 threads=2 tasks=4 batch=32 memory_format=contiguous stem=small image_size=32
out="$here/results/overhead"
number() { [[ "${2-}" =~ ^[0-9]+$ ]] || { echo "overhead.sh: $1 needs a whole number, got '${2-}'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --layout) layouts=${2-} ;;
    --modes) modes=${2-} ;;
    --pairs|--warmup|--threads|--tasks|--batch) number "$1" "${2-}"; declare "${1#--}=$2" ;;
    --image-size) number "$1" "${2-}"; image_size=$2 ;;
    --memory-format) memory_format=${2-} ;;
    --stem) stem=${2-} ;;
    --out) out=${2-} ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "overhead.sh: unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
  [ $# -ge 2 ] || { echo "overhead.sh: option $1 needs a value" >&2; exit 2; }
  shift 2
done

if ! build_log=$(dotnet build "$here/MtlSharing.Compare" -c Release -nologo -clp:ErrorsOnly 2>&1); then
  echo "$build_log" >&2
  echo "overhead.sh: building MtlSharing.Compare failed" >&2
  exit 1
fi
dotnet_bin="$here/MtlSharing.Compare/bin/Release/net10.0/MtlSharing.Compare"

export OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
mkdir -p "$out"
results="$out/results.jsonl"
# One process for every layout and mode: it checks all options before the first measurement and
# reports each one on stderr as it starts.
"$dotnet_bin" --side paired --layout "$layouts" --modes "$modes" --pairs "$pairs" --warmup "$warmup" \
  --threads "$threads" --tasks "$tasks" --batch "$batch" --memory-format "$memory_format" \
  --stem "$stem" --image-size "$image_size" > "$results"

echo
"$dotnet_bin" --overhead-table "$results" --command "$command_line" | tee "$out/results.md"
echo
echo "raw lines: $results; table: $out/results.md"
