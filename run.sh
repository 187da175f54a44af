#!/usr/bin/env bash
# Word2Vec.Torch: one entry point.
#   ./run.sh test                 restore and build everything, run every test
#   ./run.sh train [CONFIG] [..]  the main job (default: configs/sst-cs224n.json), then train flags
#   ./run.sh gradcheck            manual vs autograd vs finite-difference gradients
#   ./run.sh eval CONFIG|VECTORS  analogies, similarity, SST sentiment (w2v neighbours, w2v analogy: queries)
#   ./run.sh phrases IN OUT [..]  join frequent word pairs into new_york tokens (word2phrase)
#   ./run.sh bench [CONFIG]       speed against gensim, fastText and word2vec.c (long; not a test)
#   ./run.sh build                restore and build only
#   ./run.sh w2v ARGS...          any other command of the CLI (w2v --help)
# Environment: W2V_DATA a data folder; CONFIGURATION (Release) the build configuration.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CONFIGURATION=${CONFIGURATION:-Release}
BUILD_DIR=${BUILD_DIR:-$ROOT/build}

# libtorch's OpenMP (GNU libgomp, bundled with TorchSharp-cpu): with more than one thread the
# default spin-wait policy was many times slower on a shared 2-core machine (README, Threads).
# Must be set before libtorch loads.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

# Everything comes from NuGet (TorchSharp-cpu brings libtorch); the .NET SDK is all a machine needs.
build_all() {
  command -v dotnet >/dev/null || { echo "error: the .NET SDK (dotnet, net10.0) is not installed" >&2; exit 1; }
  mkdir -p "$BUILD_DIR"
  log "building the solution ($CONFIGURATION)"
  dotnet build "$ROOT/Word2Vec.Torch.sln" -c "$CONFIGURATION" -nologo -v minimal -clp:NoSummary
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
  train)
    build_all
    # The config is the first argument; left out (or a flag first, as in `./run.sh train --no-resume`) it is the default.
    if [ $# -eq 0 ] || [[ "$1" == -* ]]; then set -- configs/sst-cs224n.json "$@"; fi
    w2v train --config "$1" "${@:2}" ;;
  gradcheck) build_all; w2v gradcheck "$@" ;;
  eval) build_all; w2v eval "$@" ;;
  phrases) build_all; w2v phrases "$@" ;;
  bench) build_all; exec bash "$ROOT/bench/bench.sh" "$@" ;;
  w2v) build_all; w2v "$@" ;;
  help|-h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) echo "unknown command '$cmd' (try ./run.sh help)" >&2; exit 2 ;;
esac
