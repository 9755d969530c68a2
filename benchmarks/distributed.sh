#!/usr/bin/env bash
# Issue 15's speed benchmark of distributed training on this machine: the multi-task ResNet-18
# (small-image stem, 32x32 random images, batch 32 per task per rank, every task every step, SGD
# with momentum) timed in three layouts of the machine's cores,
#   2 ranks x 1 thread   mpirun -np 2, tasks everywhere (data parallelism) and spread over the ranks
#   1 rank  x 2 threads  alone
#   1 rank  x 1 thread   alone
# for each sharing layout. It prints images/s, the share of step time in communication and the
# scaling efficiency images/s(2 ranks x 1 thread) / (2 x images/s(1 rank x 1 thread)).
#
#   benchmarks/distributed.sh [--layout shared,bottom:3,top:3,independent] [--steps 20] [--warmup 3]
#       [--rounds 1] [--batch 32] [--tasks 4] [--autocast fp32|bf16] [--out DIR]
#       [--configuration Release|Debug]
#
# Each round runs the four configurations one after another (in reverse order every other round,
# so slow drift of the machine affects all alike); the table gives each value as the median over
# rounds. Results go to DIR (default benchmarks/Distributed/results): results.jsonl (one JSON line
# per configuration and layout, tagged with the round) and results.md. Run it on an otherwise idle
# machine: anything else running takes the cores the configurations compete for.
# --configuration Debug builds and runs the Debug build, for a quick check of the script itself.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command_line="benchmarks/distributed.sh $*"

layouts="shared,bottom:3,top:3,independent" steps=20 warmup=3 rounds=1 batch=32 tasks=4
autocast=fp32 out="$here/Distributed/results" configuration=Release
number() { [[ "$2" =~ ^[0-9]+$ ]] || { echo "distributed.sh: $1 needs a whole number, got '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --layout) layouts=$2 ;;
    --steps|--warmup|--rounds|--batch|--tasks) number "$1" "${2-}"; declare "${1#--}=$2" ;;
    --autocast) autocast=$2 ;;
    --out) out=$2 ;;
    --configuration) configuration=$2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "distributed.sh: unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
  [ $# -ge 2 ] || { echo "distributed.sh: option $1 needs a value" >&2; exit 2; }
  shift 2
done
[ "$rounds" -ge 1 ] || { echo "distributed.sh: --rounds must be at least 1" >&2; exit 2; }
case "$configuration" in Release|Debug) ;; *) echo "distributed.sh: --configuration must be Release or Debug" >&2; exit 2 ;; esac
command -v mpirun >/dev/null \
  || { echo "distributed.sh: mpirun not found: sudo apt-get install -y openmpi-bin libopenmpi-dev" >&2; exit 1; }

if ! build_log=$(dotnet build "$here/Distributed" -c "$configuration" -nologo -clp:ErrorsOnly 2>&1); then
  echo "$build_log" >&2
  echo "distributed.sh: building benchmarks/Distributed failed" >&2
  exit 1
fi
bench="$here/Distributed/bin/$configuration/net10.0/MtlSharing.DistributedBench"

common=(--layout "$layouts" --tasks "$tasks" --batch "$batch" --steps "$steps" --warmup "$warmup" --autocast "$autocast")
# One configuration: RANKS THREADS PLACEMENT. Every process gets the thread count in the usual
# variables too. Under mpirun the ranks' stdout is a terminal, where .NET would write the
# terminal's keypad sequence before the first line; TERM=dumb has none. Only the JSON lines are
# kept, each tagged with the round.
run() {
  local ranks=$1 threads=$2 placement=$3 round=$4 launcher=()
  if [ "$ranks" -gt 1 ]; then
    # As root mpirun needs --allow-run-as-root; each rank is bound to its own core.
    launcher=(mpirun --allow-run-as-root --oversubscribe --bind-to core -np "$ranks")
  fi
  echo "== round $round/$rounds: $ranks rank(s) x $threads thread(s), $placement"
  OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads TERM=dumb \
    "${launcher[@]}" "$bench" "${common[@]}" --threads "$threads" --placement "$placement" \
    | sed -n "s/^[^{]*{/{\"round\": $round, /p" >> "$results"
}

mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"
setups=("2 1 everywhere" "2 1 spread" "1 2 everywhere" "1 1 everywhere")
for round in $(seq 1 "$rounds"); do
  for i in "${!setups[@]}"; do
    if [ $((round % 2)) -eq 0 ]; then i=$((${#setups[@]} - 1 - i)); fi
    # shellcheck disable=SC2086 # three words: ranks, threads, placement
    run ${setups[$i]} "$round"
  done
done

echo
"$bench" table "$results" --command "$command_line" | tee "$out/results.md"
echo
echo "raw lines: $results; table: $out/results.md"
