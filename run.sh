#!/usr/bin/env bash
# Word2Vec.Torch: one entry point.
#   ./run.sh test                 install what is missing, build everything, run every test
#   ./run.sh train [CONFIG]       the main job (default: configs/sst-cs224n.json)
#   ./run.sh gradcheck            manual vs autograd vs finite-difference gradients
#   ./run.sh eval CONFIG|VECTORS  analogies, similarity, neighbours, SST sentiment
#   ./run.sh bench [CONFIG]       speed against gensim and fastText (long; not a test)
#   ./run.sh build                install and build only
#   ./run.sh w2v ARGS...          any other command of the CLI (w2v --help)
# Environment: Torch_DIR picks another libtorch (a CUDA build, say); W2V_DATA a data folder.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CONFIGURATION=${CONFIGURATION:-Release}
BUILD_DIR=${BUILD_DIR:-$ROOT/build}

# libtorch's OpenMP: with more than one thread, the default spin-wait policy was 50x slower on
# a shared 2-core machine. Must be set before libtorch loads.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

install_packages() {
  # Debian/Ubuntu packages the build needs. libopenblas0-pthread replaces the reference BLAS
  # that Debian's libtorch otherwise uses (15x faster matrix products).
  local want=(libtorch-dev cmake g++ make libopenblas0-pthread) missing=()
  if [ -z "${Torch_DIR:-}" ]; then :; else want=(cmake g++ make); fi
  for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { echo "error: the .NET SDK (dotnet, net10.0) is not installed" >&2; exit 1; }
}

build_native() {
  local args=(-S "$ROOT/src/TorchSharp.Native" -B "$BUILD_DIR/native" -DCMAKE_BUILD_TYPE=Release)
  [ -n "${Torch_DIR:-}" ] && args+=(-DTorch_DIR="$Torch_DIR")
  if [ ! -f "$BUILD_DIR/native/CMakeCache.txt" ]; then
    log "configuring the native shim"
    cmake "${args[@]}" >"$BUILD_DIR/cmake-configure.log" 2>&1 || { cat "$BUILD_DIR/cmake-configure.log"; exit 1; }
  fi
  log "building the native shim"
  cmake --build "$BUILD_DIR/native" -j"$(nproc)" >"$BUILD_DIR/cmake-build.log" 2>&1 || { cat "$BUILD_DIR/cmake-build.log"; exit 1; }
}

build_managed() {
  log "building the solution ($CONFIGURATION)"
  dotnet build "$ROOT/Word2Vec.Torch.sln" -c "$CONFIGURATION" -nologo -v quiet -p:TorchShimDir="$BUILD_DIR/native/" \
    -clp:ErrorsOnly
}

build_all() {
  mkdir -p "$BUILD_DIR"
  install_packages
  build_native
  build_managed
}

w2v() {
  dotnet "$ROOT/src/Word2Vec.Torch.Cli/bin/$CONFIGURATION/net10.0/w2v.dll" "$@"
}

run_tests() {
  local out="$BUILD_DIR/test-output.txt" rc=0
  log "running the tests"
  set +e
  dotnet test "$ROOT/Word2Vec.Torch.sln" -c "$CONFIGURATION" --no-build -nologo \
    --logger "console;verbosity=normal" "$@" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  set -e
  # One plain closing line over every test project.
  awk '/^[[:space:]]+Passed: [0-9]+$/ { p += $2 } /^[[:space:]]+Failed: [0-9]+$/ { f += $2 } /^[[:space:]]+Skipped: [0-9]+$/ { s += $2 }
       END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$out"
  return $rc
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  build) build_all ;;
  test) build_all; run_tests "$@" ;;
  train) build_all; w2v train --config "${1:-configs/sst-cs224n.json}" "${@:2}" ;;
  gradcheck) build_all; w2v gradcheck "$@" ;;
  eval) build_all; w2v eval "$@" ;;
  bench) build_all; exec bash "$ROOT/bench/bench.sh" "$@" ;;
  w2v) build_all; w2v "$@" ;;
  help|-h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) echo "unknown command '$cmd' (try ./run.sh help)" >&2; exit 2 ;;
esac
