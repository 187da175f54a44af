#!/usr/bin/env bash
# The CS224N assignment runs' figures in the README (a benchmark, not a test): `./run.sh train`'s config
# (configs/sst-cs224n.json, skip-gram) and the 2017 CBOW config (configs/sst-cs224n-cbow.json), each
# ASSIGNMENT_RUNS times, interleaved, into scratch folders under /usr/bin/time -v: the final and smoothed
# loss and the SGD loop's seconds as run.json records them, the whole command's seconds and its peak RSS.
# Nothing is written in the repository but the report, bench/results/<UTC time>-assignment.md.
#
#   bench/assignment.sh              (./run.sh build first)
#
# Environment: ASSIGNMENT_DIR=/tmp/w2v-assignment, ASSIGNMENT_RUNS=3, W2V_DATA (where the SST release is),
# ASSIGNMENT_W2V=the w2v.dll (default: the Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${ASSIGNMENT_DIR:-/tmp/w2v-assignment}
RUNS=${ASSIGNMENT_RUNS:-3}
DLL=${ASSIGNMENT_W2V:-$ROOT/src/Word2Vec.Torch.Cli/bin/Release/net10.0/w2v.dll}
PY=${BENCH_PYTHON:-/usr/bin/python3}
CONFIGS=(configs/sst-cs224n.json configs/sst-cs224n-cbow.json)
export OMP_WAIT_POLICY=passive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
[ -f "$DLL" ] || { echo "assignment: no CLI at $DLL (./run.sh build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "assignment: /usr/bin/time is missing (apt package 'time')" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "assignment: ASSIGNMENT_RUNS = \"$RUNS\" is not a count of runs" >&2; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK"

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-assignment.md"
ROWS="$WORK/rows.tsv"
: > "$ROWS"
for run in $(seq 1 "$RUNS"); do
  for config in "${CONFIGS[@]}"; do
    name=$(basename "$config" .json)
    dir="$WORK/$name-$run"
    log "$name, run $run of $RUNS"
    /usr/bin/time -v -o "$dir.time" dotnet "$DLL" train --config "$config" --no-resume --set output.dir="$dir" > "$dir.log" 2>&1 \
      || { echo "assignment: $config failed (run $run); its output is in $dir.log" >&2; exit 1; }
    # config, run, then run.json's and /usr/bin/time's figures
    "$PY" - "$dir/run.json" "$dir.time" "$name" "$run" >> "$ROWS" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))
time = dict(line.strip().rsplit(": ", 1) for line in open(sys.argv[2]) if ": " in line)
h_m_s = [float(x) for x in time["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
seconds = sum(v * 60 ** i for i, v in enumerate(reversed(h_m_s)))
peak = int(time["Maximum resident set size (kbytes)"]) / 1024
print("\t".join([sys.argv[3], sys.argv[4], str(run["steps"]), f"{run['finalLoss']:.6f}", f"{run['finalSmoothedLoss']:.6f}",
                 f"{run['wallSeconds']:.1f}", f"{seconds:.1f}", f"{peak:.0f}"]))
EOF
  done
done

{
  echo "# The CS224N assignment runs"
  echo
  echo "$STAMP, $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); written by \`bench/assignment.sh\`; runs interleaved:"
  echo
  echo '```sh'
  for config in "${CONFIGS[@]}"; do
    echo "OMP_WAIT_POLICY=passive /usr/bin/time -v dotnet w2v.dll train --config $config --no-resume --set output.dir=DIR"
  done
  echo '```'
  echo
  echo "| config | run | steps | final loss | smoothed loss | SGD loop (run.json), s | whole command, s | peak RSS, MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  sort -s -k1,1 "$ROWS" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}'
} > "$OUT"
log "wrote $OUT"
cat "$OUT"
