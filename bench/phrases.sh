#!/usr/bin/env bash
# The phrase figures of the README (a benchmark, not a test): `w2v phrases --passes 2` on the text8-style
# corpus under /usr/bin/time -v (the passes' counts and seconds as the command prints them, the peak RSS),
# then configs/text8-phrases-cpu.json trained on its output for each of PHRASES_EPOCHS epochs (evaluated:
# phrase analogies, word analogies, WordSim-353). Everything is written under PHRASES_DIR, never in the
# repository; the report goes to bench/results/<UTC time>-phrases.md.
#
#   bench/phrases.sh                 (./run.sh build first)
#
# Environment: PHRASES_DIR=/tmp/w2v-phrases, PHRASES_EPOCHS="1 5" (empty: the phrases pass only),
# PHRASES_CORPUS=../shared/data/corpus/wiki2015-text8style.zip, PHRASES_W2V=the w2v.dll (default: the Release build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${PHRASES_DIR:-/tmp/w2v-phrases}
EPOCHS=${PHRASES_EPOCHS-1 5}
ZIP=${PHRASES_CORPUS:-$ROOT/../shared/data/corpus/wiki2015-text8style.zip}
DLL=${PHRASES_W2V:-$ROOT/src/Word2Vec.Torch.Cli/bin/Release/net10.0/w2v.dll}
PY=${BENCH_PYTHON:-/usr/bin/python3}
CONFIG=configs/text8-phrases-cpu.json
export OMP_WAIT_POLICY=passive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
[ -f "$DLL" ] || { echo "phrases: no CLI at $DLL (./run.sh build)" >&2; exit 1; }
[ -f "$ZIP" ] || { echo "phrases: no corpus at $ZIP (set PHRASES_CORPUS)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "phrases: /usr/bin/time is missing (apt package 'time')" >&2; exit 1; }
rm -rf "$WORK"; mkdir -p "$WORK"

# MB as the README gives them: MiB of the kernel's kB figures.
peak() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1"; }

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-phrases.md"
TEXT="$WORK/text8-phrases.txt"
PHRASES_CMD=(dotnet "$DLL" phrases "$ZIP" "$TEXT" --passes 2)
log "phrases: ${PHRASES_CMD[*]}"
/usr/bin/time -v -o "$WORK/time-phrases.txt" "${PHRASES_CMD[@]}" > "$WORK/log-phrases.txt" 2>&1

{
  echo "# Phrases on the text8-style corpus"
  echo
  echo "$STAMP, $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), one run; written by \`bench/phrases.sh\`."
  echo
  echo '```sh'
  echo "OMP_WAIT_POLICY=passive /usr/bin/time -v dotnet w2v.dll phrases $(basename "$ZIP") $TEXT --passes 2"
  echo '```'
  echo
  echo "What each pass printed (tokens in, distinct words and bigrams counted, phrases joined, tokens out, seconds):"
  echo
  grep '^pass ' "$WORK/log-phrases.txt" | sed 's/^/- /'
  echo
  echo "Whole command: $(elapsed "$WORK/time-phrases.txt") wall, peak RSS $(peak "$WORK/time-phrases.txt") MB."
} > "$OUT.part"

if [ -n "$EPOCHS" ]; then
  {
    echo
    echo "## $CONFIG trained on it"
    echo
    echo '```sh'
    echo "dotnet w2v.dll train --config $CONFIG --no-resume --set corpus.path=$TEXT --set training.epochs=E \\"
    echo "  --set corpus.cacheDir=$WORK/cache --set output.dir=$WORK/eE --set output.plots=false"
    echo '```'
    echo
    echo "| epochs | words/s | phrase analogies answered | phrase 3CosAdd | word analogies 3CosAdd | WordSim-353 ρ | peak RSS |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
  } >> "$OUT.part"
  for e in $EPOCHS; do
    log "training $CONFIG for $e epoch(s)"
    /usr/bin/time -v -o "$WORK/time-e$e.txt" dotnet "$DLL" train --config "$CONFIG" --no-resume \
      --set "corpus.path=$TEXT" --set "training.epochs=$e" --set "corpus.cacheDir=$WORK/cache" \
      --set "output.dir=$WORK/e$e" --set output.plots=false > "$WORK/log-e$e.txt" 2>&1
    "$PY" - "$WORK/e$e" "$e" "$(peak "$WORK/time-e$e.txt")" >> "$OUT.part" <<'EOF'
import json, sys
run_dir, epochs, rss = sys.argv[1:]
run = json.load(open(f"{run_dir}/run.json"))
report = json.load(open(f"{run_dir}/evaluation.json"))
add = lambda results: next(r for r in results if r["method"] == "cosAdd")["total"]
pct = lambda s: "–" if s["accuracy"] == "NaN" else f"{100 * s['accuracy']:.2f} %"
phrase, word = add(report["phraseAnalogy"]), add(report["analogy"])
ws = next(s for s in report["similarity"] if s["dataset"] == "WordSim-353")
print(f"| {epochs} | {run['wordsProcessed'] / run['wallSeconds']:,.0f} | {phrase['answered']:,} of {phrase['total']:,} | {pct(phrase)} "
      f"| {pct(word)} | {ws['spearman']:.3f} | {rss} MB |")
EOF
  done
  echo >> "$OUT.part"
  echo "The cpu engine on 2 threads is Hogwild: another run of the same config differs a little." >> "$OUT.part"
fi
mv "$OUT.part" "$OUT"
log "wrote $OUT"
