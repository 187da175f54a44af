#!/usr/bin/env bash
# Memory and speed against corpus size (a benchmark, not a test): the same config on the text8-style
# corpus and on SCALE_COPIES copies of it concatenated (built in SCALE_DIR, never in the repository),
# each trained once from a fresh cache folder (so the corpus is counted and encoded as ids, then
# trained on from the id file) under /usr/bin/time -v; beside each, gensim's build_vocab on the same
# file. The copies train twice: with the config's minCount (a larger vocabulary: a word seen once
# in one copy is seen SCALE_COPIES times) and with minCount × SCALE_COPIES (the one copy's vocabulary,
# so that only the corpus's size differs). Reports the reading passes' seconds, training words/s,
# the run's peak RSS, and gensim's build_vocab seconds and peak RSS, into
# bench/results/<UTC time>-scale.md.
#
#   bench/scale.sh [CONFIG]          (default configs/text8-sgns-cpu.json; ./run.sh build first)
#
# Environment: SCALE_COPIES=10, SCALE_DIR=/tmp/w2v-scale (needs about 1.8 GB per 10 copies: text, ids),
# SCALE_W2V=the w2v.dll to run (default: the Release build), SCALE_GENSIM=1 (0 skips gensim),
# SCALE_RUNS="text8 text8x10 text8x10-sameVocabulary" (which rows run; default all).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONFIG=${1:-configs/text8-sgns-cpu.json}
COPIES=${SCALE_COPIES:-10}
WORK=${SCALE_DIR:-/tmp/w2v-scale}
DLL=${SCALE_W2V:-$ROOT/src/Word2Vec.Torch.Cli/bin/Release/net10.0/w2v.dll}
GENSIM=${SCALE_GENSIM:-1}
PY=${BENCH_PYTHON:-/usr/bin/python3}
ZIP=${SCALE_CORPUS:-$ROOT/../shared/data/corpus/wiki2015-text8style.zip}
export OMP_WAIT_POLICY=passive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
[ -f "$DLL" ] || { echo "scale: no CLI at $DLL (./run.sh build)" >&2; exit 1; }
[ -f "$ZIP" ] || { echo "scale: no corpus at $ZIP (set SCALE_CORPUS)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "scale: /usr/bin/time is missing (apt package 'time')" >&2; exit 1; }
[ "$GENSIM" != 1 ] || "$PY" -c 'import gensim' 2>/dev/null \
  || { echo "scale: $PY cannot import gensim (apt package python3-gensim, or SCALE_GENSIM=0)" >&2; exit 1; }
mkdir -p "$WORK"

one="$WORK/text8"
many="$WORK/text8x$COPIES"
[ -f "$one" ] || { log "unzipping $ZIP"; unzip -p "$ZIP" > "$one.part" && mv "$one.part" "$one"; }
if [ ! -f "$many" ]; then
  log "concatenating $COPIES copies into $many"
  for _ in $(seq "$COPIES"); do cat "$one"; printf ' '; done > "$many.part" && mv "$many.part" "$many"
fi

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-scale.md"
# The config's minCount, and the copies' run again with minCount × copies: the same vocabulary as the
# one copy (every count is multiplied), so that only the corpus's size differs.
MIN=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("corpus", {}).get("minCount", 5))' "$CONFIG")
rows=()
for run in "text8:$one:$MIN" "text8x$COPIES:$many:$MIN" "text8x$COPIES-sameVocabulary:$many:$((MIN * COPIES))"; do
  IFS=: read -r name corpus mincount <<< "$run"
  if [ -n "${SCALE_RUNS:-}" ] && [[ " $SCALE_RUNS " != *" $name "* ]]; then continue; fi
  cache="$WORK/cache-$name"; rm -rf "$cache" "$WORK/run-$name"
  log "ours on $name (config $CONFIG, minCount $mincount)"
  /usr/bin/time -v -o "$WORK/time-$name.txt" dotnet "$DLL" train --config "$CONFIG" --no-resume \
    --set "corpus.path=$corpus" --set "corpus.minCount=$mincount" --set "corpus.cacheDir=$cache" --set "output.dir=$WORK/run-$name" \
    --set evaluate=false --set output.plots=false --set output.text=false > "$WORK/log-$name.txt" 2>&1
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/time-$name.txt")
  count=$(awk '/^counting words:/ {print $(NF-1)}' "$WORK/log-$name.txt")
  encode=$(awk '/^encoding ids:/ {print $(NF-1)}' "$WORK/log-$name.txt")
  read -r words seconds < <("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["wordsProcessed"], r["wallSeconds"])' "$WORK/run-$name/run.json")
  ids=$(du -m "$cache"/*.ids | awk '{print $1}')
  words_kept=$(grep -oP '[0-9,]+(?= words with count)' "$WORK/log-$name.txt" | head -1)
  gv="–"; grss="–"
  if [ "$GENSIM" = 1 ] && [ "$mincount" = "$MIN" ]; then
    log "gensim build_vocab on $name"
    /usr/bin/time -v -o "$WORK/gtime-$name.txt" "$PY" - "$corpus" "$mincount" > "$WORK/glog-$name.txt" 2>&1 <<'PY'
import sys, time
from gensim.models import Word2Vec
from gensim.models.word2vec import Text8Corpus
model = Word2Vec(vector_size=100, window=5, min_count=int(sys.argv[2]), workers=2)
start = time.perf_counter()
model.build_vocab(corpus_iterable=Text8Corpus(sys.argv[1]))
print(f"build_vocab {time.perf_counter() - start:.1f} s, {len(model.wv)} words")
PY
    gv=$(awk '/^build_vocab/ {print $2}' "$WORK/glog-$name.txt")
    grss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/gtime-$name.txt")
  fi
  size=$(du -m "$corpus" | awk '{print $1}')
  rows+=("| \`$name\` | $size | $mincount | $words_kept | $words | $count | $encode | $ids | $(awk -v w="$words" -v s="$seconds" 'BEGIN {printf "%.0f", w / s}') | $rss | $gv | $grss |")
done

{
  echo "# Scale: the same config on the text8-style corpus and on $COPIES copies of it"
  echo
  echo "Config \`$CONFIG\` (evaluation, plots and the text vectors off), one epoch, a fresh cache folder each;"
  echo "$(nproc) cores, $(date -u +%Y-%m-%d). Command: \`bench/scale.sh $CONFIG\` (SCALE_COPIES=$COPIES)."
  echo
  echo "| corpus | MB | minCount | words | tokens trained | counting s | encoding s | id file MB | words/s | peak RSS MB | gensim build_vocab s | gensim build_vocab RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "tokens trained: run.json's wordsProcessed (every kept token once per epoch); words/s over the SGD loop (run.json's wallSeconds);"
  echo "peak RSS: /usr/bin/time -v of the whole run (reading, training, writing). Work files: $WORK."
} > "$OUT"
cat "$OUT"
log "wrote $OUT"
