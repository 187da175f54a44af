#!/usr/bin/env bash
# Word2Vec.Torch against gensim, fastText and word2vec.c: the same hyperparameters (read from each config),
# R interleaved rounds, every run under /usr/bin/time -v; each tool's vectors evaluated once with
# our evaluator; the naive-softmax step timed against a bare matrix product (w2v speed).
#
#   bench/bench.sh [CONFIG...]          (./run.sh bench [CONFIG...] builds first; default configs/text8-sgns.json)
#
# Environment:
#   BENCH_ROUNDS=3            rounds (round r: ours for every config, then gensim, fastText and word2vec.c)
#   BENCH_SEEDS="1 2 3"       one round per seed, round r training every tool with the r-th seed instead of the
#                             config's (word2vec.c takes none); every round's vectors are evaluated and the report
#                             gives each tool's quality over the seeds (mean, spread) and ours − each peer with a
#                             95 % interval. BENCH_ROUNDS, if given too, must equal the number of seeds.
#   BENCH_LIMIT_BYTES=N       train on the corpus's first N bytes only (a quick run; results get "limit" in their name)
#   BENCH_TOOLS="ours gensim fasttext word2vec"   which tools run (word2vec = word2vec.c, github.com/tmikolov/word2vec)
#   BENCH_WORD2VEC=PATH       a built word2vec.c binary; without it the benchmark builds one into bench/work/word2vec-c/
#                             from BENCH_WORD2VEC_SRC (a checkout of github.com/tmikolov/word2vec, a bare git directory
#                             of it, or a folder holding its word2vec.c), else from a `git clone --depth 1` of it
#   BENCH_SPEED=1             0 skips w2v speed; BENCH_SPEED_ARGS (default "--vocab 20000 --dim 50 --batch 1024"),
#                             BENCH_SPEED_THREADS (default: nproc)
#   BENCH_EVAL=1              1 evaluates each tool's vectors of the last round, all every round's (the default
#                             with BENCH_SEEDS), 0 none
# Output: bench/results/<UTC time>-<config>[-limitN].json per config, the report bench/results/<UTC time>[-limitN].md
# and a copy of it as bench/results/latest.md (latest-limit.md for a limited run), printed at the end. Work files: bench/work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONFIGURATION=${CONFIGURATION:-Release}
DLL="$ROOT/src/Word2Vec.Torch.Cli/bin/$CONFIGURATION/net10.0/w2v.dll"
read -r -a SEEDS <<<"${BENCH_SEEDS:-}"
ROUNDS=${BENCH_ROUNDS:-3}
[ ${#SEEDS[@]} -gt 0 ] && ROUNDS=${BENCH_ROUNDS:-${#SEEDS[@]}}
LIMIT=${BENCH_LIMIT_BYTES:-0}
TOOLS=${BENCH_TOOLS:-"ours gensim fasttext word2vec"}
SPEED=${BENCH_SPEED:-1}
SPEED_ARGS=${BENCH_SPEED_ARGS:-"--vocab 20000 --dim 50 --batch 1024"}
SPEED_THREADS=${BENCH_SPEED_THREADS:-$(nproc)}
EVAL=${BENCH_EVAL:-1}
[ ${#SEEDS[@]} -gt 0 ] && EVAL=${BENCH_EVAL:-all}
# Debian's python3 (python3-gensim is installed for it), not whatever python3 comes first on PATH.
PY=${BENCH_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}   # as run.sh: libtorch's OpenMP on a shared machine
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer, not '$ROUNDS'"
[[ "$LIMIT" =~ ^[0-9]+$ ]] || die "BENCH_LIMIT_BYTES must be a number of bytes, not '$LIMIT'"
[[ "$EVAL" =~ ^(0|1|all)$ ]] || die "BENCH_EVAL must be 0, 1 or all, not '$EVAL'"
for s in "${SEEDS[@]}"; do
  [[ "$s" =~ ^[0-9]+$ ]] || die "BENCH_SEEDS must be whole numbers separated by spaces, not '${BENCH_SEEDS}'"
done
if [ ${#SEEDS[@]} -gt 0 ] && [ "$ROUNDS" != ${#SEEDS[@]} ]; then
  die "BENCH_ROUNDS=$ROUNDS but BENCH_SEEDS has ${#SEEDS[@]} seed(s): with BENCH_SEEDS each round trains one seed"
fi
for t in $TOOLS; do
  case "$t" in ours|gensim|fasttext|word2vec) ;; *) die "BENCH_TOOLS: unknown tool '$t' (ours, gensim, fasttext, word2vec)";; esac
done

CONFIGS=("$@")
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(configs/text8-sgns.json)
for c in "${CONFIGS[@]}"; do [ -f "$c" ] || die "no config '$c'"; done

# ------------------------------------------------------------------ what the benchmark needs
install_missing() {
  local want=(time unzip) missing=()
  has_tool gensim && want+=(python3-gensim)
  has_tool fasttext && want+=(fasttext)
  has_tool word2vec && [ -z "${BENCH_WORD2VEC:-}" ] && want+=(gcc)   # word2vec.c is built here
  for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  [ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt package 'time')"
  if has_tool gensim; then
    "$PY" -c 'import gensim' 2>/dev/null || die "$PY cannot import gensim (python3-gensim installs it for Debian's /usr/bin/python3; set BENCH_PYTHON)"
  fi
  # The CLI trains ours and evaluates every tool's vectors; a run of the peers alone without evaluation needs no build.
  if [ ! -f "$DLL" ] && { has_tool ours || [ "$EVAL" != 0 ]; }; then
    log "the CLI is not built; building it"
    "$ROOT/run.sh" build
  fi
  if has_tool word2vec; then find_word2vec; fi
}

# ------------------------------------------------------------------ word2vec.c
# W2V_BIN: the word2vec.c binary; W2V_COMMIT: the commit of its source where known; W2V_ORIGIN: where it came from.
# In this order: $BENCH_WORD2VEC (a built binary); a build of $BENCH_WORD2VEC_SRC; a build of a shallow clone of
# github.com/tmikolov/word2vec. The source is read where it lies or extracted into bench/work/word2vec-c/ (git-ignored):
# word2vec.c is never copied into the repository.
W2V_URL=https://github.com/tmikolov/word2vec
W2V_CFLAGS=(-lm -pthread -O3 -march=native -Wall -funroll-loops -Wno-unused-result)   # upstream's makefile
W2V_BIN=""; W2V_COMMIT=""; W2V_ORIGIN=""; W2V_BUILD=""   # W2V_BUILD: the gcc command line where this script built it

find_word2vec() {
  local dir="$ROOT/bench/work/word2vec-c" src="" commit=""
  if [ -n "${BENCH_WORD2VEC:-}" ]; then
    [ -f "$BENCH_WORD2VEC" ] && [ -x "$BENCH_WORD2VEC" ] || die "BENCH_WORD2VEC='$BENCH_WORD2VEC' is not an executable file (it must be a built word2vec.c binary)"
    W2V_BIN=$(readlink -f "$BENCH_WORD2VEC"); W2V_ORIGIN="BENCH_WORD2VEC=$BENCH_WORD2VEC"
    # The commit: written beside a binary this script built, or the checkout the binary lies in (beside its word2vec.c).
    if [ -s "$W2V_BIN.commit" ]; then W2V_COMMIT=$(cat "$W2V_BIN.commit")
    elif [ -f "$(dirname "$W2V_BIN")/word2vec.c" ]; then W2V_COMMIT=$(git_commit "$(dirname "$W2V_BIN")" word2vec.c)
    fi
    log "word2vec.c: $W2V_BIN (commit ${W2V_COMMIT:-unknown})"
    return 0
  fi
  mkdir -p "$dir"
  if [ -n "${BENCH_WORD2VEC_SRC:-}" ]; then
    local s=$BENCH_WORD2VEC_SRC
    if [ -f "$s/word2vec.c" ]; then   # a checkout or a plain folder: build its word2vec.c where it lies
      src=$(readlink -f "$s/word2vec.c"); commit=$(git_commit "$s" word2vec.c)
    elif git --git-dir="$s" cat-file -e HEAD:word2vec.c 2>/dev/null; then   # a bare git directory (or a .git)
      commit=$(git --git-dir="$s" rev-parse HEAD)
      mkdir -p "$dir/archive"
      git --git-dir="$s" archive HEAD word2vec.c | tar -x -C "$dir/archive" || die "cannot extract word2vec.c from the git directory BENCH_WORD2VEC_SRC='$s'"
      src="$dir/archive/word2vec.c"
    else
      die "BENCH_WORD2VEC_SRC='$s' holds no word2vec.c and is no git directory with one at HEAD (it must be a checkout of $W2V_URL)"
    fi
    W2V_ORIGIN="BENCH_WORD2VEC_SRC=$s"
  else
    if [ ! -f "$dir/src/word2vec.c" ]; then   # a clone of an earlier run is reused: no network needed
      rm -rf "$dir/src"
      log "word2vec.c: cloning $W2V_URL into $dir/src"
      if ! GIT_TERMINAL_PROMPT=0 timeout 300 git clone -q --depth 1 "$W2V_URL" "$dir/src" >&2; then
        rm -rf "$dir/src"
        die "word2vec.c was asked for (BENCH_TOOLS has word2vec) but no copy was found: set BENCH_WORD2VEC to a built word2vec binary or BENCH_WORD2VEC_SRC to a checkout (or bare git directory) of $W2V_URL; 'git clone $W2V_URL' failed"
      fi
    fi
    src="$dir/src/word2vec.c"; commit=$(git_commit "$dir/src" word2vec.c)
    W2V_ORIGIN="git clone $W2V_URL"
  fi
  # Built again when the source, the flags or the CPU (-march=native) change: the stamp holds all three.
  local stamp; stamp="$(sha256sum "$src" | cut -d' ' -f1) gcc ${W2V_CFLAGS[*]} $(grep -m1 '^model name' /proc/cpuinfo || true)"
  W2V_BIN="$dir/word2vec"
  if [ ! -x "$W2V_BIN" ] || [ "$(cat "$W2V_BIN.stamp" 2>/dev/null)" != "$stamp" ]; then
    command -v gcc >/dev/null || die "gcc is missing: it builds word2vec.c (apt package gcc), or set BENCH_WORD2VEC to a built binary"
    log "word2vec.c: building $src (commit ${commit:-unknown}) into $W2V_BIN"
    gcc "$src" -o "$W2V_BIN.tmp" "${W2V_CFLAGS[@]}" || die "building word2vec.c failed: gcc $src ${W2V_CFLAGS[*]}"
    mv "$W2V_BIN.tmp" "$W2V_BIN"
    echo "$stamp" >"$W2V_BIN.stamp"
  fi
  echo "$commit" >"$W2V_BIN.commit"
  W2V_COMMIT=$commit; W2V_BUILD="gcc $src -o $W2V_BIN ${W2V_CFLAGS[*]}"
  log "word2vec.c: $W2V_BIN (commit ${W2V_COMMIT:-unknown}; from $W2V_ORIGIN)"
}

# git_commit DIR FILE: the commit of the checkout DIR ("-dirty" when FILE has local changes); empty where git does
# not track DIR/FILE (a plain folder, or one inside some other repository).
git_commit() {
  git -C "$1" ls-files --error-unmatch -- "$2" >/dev/null 2>&1 || return 0
  local c; c=$(git -C "$1" rev-parse HEAD 2>/dev/null) || return 0
  [ -n "$(git -C "$1" status --porcelain -- "$2" 2>/dev/null)" ] && c="$c-dirty"
  echo "$c"
}

# The corpus as the CLI's DataLocator finds it: absolute, ./PATH, corpus.dataDir, $W2V_DATA, ./data, ../shared/data.
resolve_corpus() {
  local rel=$1 datadir=$2
  [ -n "$datadir" ] && [ ! -d "$datadir" ] && die "corpus.dataDir '$datadir': no such folder"
  if [[ "$rel" = /* ]]; then [ -e "$rel" ] && { echo "$rel"; return; }; fi
  [ -e "$rel" ] && { readlink -f "$rel"; return; }
  local d
  for d in "$datadir" "${W2V_DATA:-}" data ../shared/data; do
    [ -n "$d" ] && [ -e "$d/$rel" ] && { readlink -f "$d/$rel"; return; }
  done
  die "corpus '$rel' not found (looked in ./, corpus.dataDir, \$W2V_DATA, ./data, ../shared/data)"
}

# A plain-text copy of the corpus (unzipped once into bench/work/corpus), cut to LIMIT bytes if asked.
plain_corpus() {
  local src=$1 dir="$ROOT/bench/work/corpus" plain
  mkdir -p "$dir"
  if [[ "$src" == *.zip ]]; then
    plain="$dir/$(basename "${src%.zip}")"
    if [ ! -s "$plain" ]; then
      local n; n=$(unzip -Z1 "$src" | grep -vc '/$' || true)
      [ "$n" = 1 ] || die "$src holds $n files; a zipped corpus must hold exactly one"
      log "unzipping $src into $plain"
      unzip -p "$src" >"$plain.tmp" && mv "$plain.tmp" "$plain"
    fi
  else
    plain=$src
  fi
  if [ "$LIMIT" -gt 0 ]; then
    local cut="$dir/$(basename "$plain").limit$LIMIT"
    if [ ! -s "$cut" ]; then
      # The first LIMIT bytes, ending at the last whitespace so that no word is cut in two.
      "$PY" - "$plain" "$cut" "$LIMIT" <<'PYEOF'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, "rb") as f:
    data = f.read(n)
if len(data) == n:
    cut = max(data.rfind(b" "), data.rfind(b"\n"))
    if cut > 0:
        data = data[:cut] + b"\n"
with open(dst, "wb") as f:
    f.write(data)
PYEOF
    fi
    plain=$cut
  fi
  echo "$plain"
}

pget() { "$PY" -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print("" if v is None else v)' "$1" "$2"; }

# ------------------------------------------------------------------ running one tool
# Samples VmRSS of the process /usr/bin/time started (its child) every second: "seconds<TAB>kB".
sample_rss() {
  local tpid=$1 out=$2 pid="" i
  for i in $(seq 1 100); do
    pid=$(cat "/proc/$tpid/task/$tpid/children" 2>/dev/null | awk '{print $1}') || true
    [ -n "$pid" ] && break
    kill -0 "$tpid" 2>/dev/null || return 0
    sleep 0.05
  done
  [ -n "$pid" ] || return 0
  printf 'epoch_seconds\trss_kb\n' >"$out"
  while kill -0 "$pid" 2>/dev/null; do
    local kb
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || break
    [ -n "$kb" ] || break
    printf '%s\t%s\n' "$EPOCHREALTIME" "$kb" >>"$out"
    sleep 1
  done
}

# timed DIR SAMPLE CMD...: runs CMD under /usr/bin/time -v in DIR's logs; records the exit code in DIR/rc.
timed() {
  local dir=$1 sample=$2; shift 2
  mkdir -p "$dir"
  printf '%q ' "$@" >"$dir/command.txt"; echo >>"$dir/command.txt"
  local rc=0
  /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/stdout.log" 2>"$dir/stderr.log" &
  local tpid=$! spid=""
  if [ "$sample" = 1 ]; then sample_rss "$tpid" "$dir/rss.tsv" & spid=$!; fi
  wait "$tpid" || rc=$?
  [ -n "$spid" ] && { wait "$spid" || true; }
  echo "$rc" >"$dir/rc"
  if [ "$rc" -ne 0 ]; then
    FAILED+=("$dir")
    log "FAILED (exit $rc): $(basename "$dir"); see $dir/stderr.log"
    tail -n 5 "$dir/stderr.log" >&2 || true
  fi
  return 0
}

# round_seed ROUND: the seed of BENCH_SEEDS that round R trains with; empty without BENCH_SEEDS (the config's seed).
round_seed() { [ ${#SEEDS[@]} -gt 0 ] && echo "${SEEDS[$(($1 - 1))]}" || true; }

# round_params PARAMS ROUND: the peers' parameters of round R: PARAMS itself, or a copy with the round's seed.
round_params() {
  local p=$1 seed; seed=$(round_seed "$2")
  if [ -z "$seed" ]; then echo "$p"; return; fi
  local copy="${p%.json}-seed$seed.json"
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["seed"]=int(sys.argv[2]); json.dump(d, open(sys.argv[3], "w"), indent=2)' \
    "$p" "$seed" "$copy"
  echo "$copy"
}

run_ours() {  # CONFIG_INDEX ROUND
  local i=$1 r=$2 name=${NAMES[$1]} dir="$RUN_DIR/ours-${NAMES[$1]}-$2" seed; seed=$(round_seed "$2")
  log "round $r: ours ($name${seed:+, seed $seed})"
  timed "$dir" 1 dotnet "$DLL" train --config "${CONFIGS[$i]}" --no-resume \
    --set "output.dir=$dir/out" --set "corpus.path=${CORPORA[$i]}" ${seed:+--set "seed=$seed"} \
    --set evaluate=false --set output.plots=false --set output.text=false --set output.binary=true
  printf 'ours\t%s\t%s\t%s\t%s\n' "$name" "$r" "$dir" "$seed" >>"$RUN_DIR/runs.tsv"
}

# skip TOOL GROUP ROUND REASON: TOOL (as in runs.tsv) cannot train the group's loss; the report says why (skipped.tsv).
skip() {
  local name=$1; case "$1" in fasttext) name=fastText ;; word2vec) name=word2vec.c ;; esac
  log "round $3: $name skipped ($4)"
  printf '%s\tg%s\t%s\n' "$1" "$2" "$4" >>"$RUN_DIR/skipped.tsv"
}

run_gensim() {  # GROUP ROUND
  local g=$1 r=$2 dir="$RUN_DIR/gensim-g$1-$2" p; p=$(round_params "${GROUP_PARAMS[$1]}" "$2")
  # gensim has negative sampling, hierarchical softmax and both (hs=1 with negative=K); no full softmax.
  if [ "$(pget "$p" loss)" = naiveSoftmax ]; then
    skip gensim "$g" "$r" "gensim has no full softmax; loss naiveSoftmax"
    return 0
  fi
  log "round $r: gensim (group $g, seed $(pget "$p" seed))"
  timed "$dir" 0 "$PY" "$ROOT/bench/gensim_train.py" "$p" "${GROUP_CORPUS[$g]}" "$dir"
  printf 'gensim\tg%s\t%s\t%s\t%s\n' "$g" "$r" "$dir" "$(pget "$p" seed)" >>"$RUN_DIR/runs.tsv"
}

run_fasttext() {  # GROUP ROUND
  local g=$1 r=$2 dir="$RUN_DIR/fasttext-g$1-$2" p; p=$(round_params "${GROUP_PARAMS[$1]}" "$2")
  local mode=skipgram loss
  [ "$(pget "$p" architecture)" = cbow ] && mode=cbow
  # fastText's -loss is one of ns, hs and softmax: it cannot sum hierarchical softmax and negative sampling.
  case "$(pget "$p" loss)" in
    negativeSampling) loss=ns ;;
    hierarchicalSoftmax) loss=hs ;;
    naiveSoftmax) loss=softmax ;;
    *) skip fasttext "$g" "$r" "fastText's -loss is ns, hs or softmax: it cannot combine hs with ns; loss $(pget "$p" loss)"
       return 0 ;;
  esac
  log "round $r: fastText (group $g, -loss $loss, -seed $(pget "$p" seed))"
  mkdir -p "$dir"
  local neg; neg=$(pget "$p" negatives); [ "$neg" -gt 0 ] || neg=5   # -neg is unused by hs and softmax
  timed "$dir" 0 fasttext "$mode" -input "${GROUP_CORPUS[$g]}" -output "$dir/vectors" \
    -dim "$(pget "$p" dimension)" -ws "$(pget "$p" window)" -neg "$neg" -loss "$loss" \
    -minCount "$(pget "$p" minCount)" -t "$(pget "$p" sample)" -epoch "$(pget "$p" epochs)" \
    -thread "$(pget "$p" threads)" -minn 0 -maxn 0 -lr "$(pget "$p" learningRate)" -seed "$(pget "$p" seed)"
  rm -f "$dir/vectors.bin"   # the model (the .vec file holds the vectors); large
  printf 'fasttext\tg%s\t%s\t%s\t%s\n' "$g" "$r" "$dir" "$(pget "$p" seed)" >>"$RUN_DIR/runs.tsv"
}

run_word2vec() {  # GROUP ROUND
  local g=$1 r=$2 dir="$RUN_DIR/word2vec-g$1-$2" p=${GROUP_PARAMS[$1]}
  # word2vec.c: -hs 1 for the tree, -negative K (0 = none); it has no full softmax. It has no seed either (each
  # thread's generator starts at its thread number), and its rate falls linearly to lr * 1e-4, as ours does.
  if [ "$(pget "$p" loss)" = naiveSoftmax ]; then
    skip word2vec "$g" "$r" "word2vec.c has no full softmax; loss naiveSoftmax"
    return 0
  fi
  local cbow=0; [ "$(pget "$p" architecture)" = cbow ] && cbow=1
  log "round $r: word2vec.c (group $g, -hs $(pget "$p" hs) -negative $(pget "$p" negatives))"
  timed "$dir" 0 "$W2V_BIN" -train "${GROUP_CORPUS[$g]}" -output "$dir/vectors.bin" -binary 1 \
    -size "$(pget "$p" dimension)" -window "$(pget "$p" window)" -sample "$(pget "$p" sample)" \
    -hs "$(pget "$p" hs)" -negative "$(pget "$p" negatives)" -cbow "$cbow" -min-count "$(pget "$p" minCount)" \
    -iter "$(pget "$p" epochs)" -threads "$(pget "$p" threads)" -alpha "$(pget "$p" learningRate)" -debug 2   # 2: the progress lines collect.py reads
  printf 'word2vec\tg%s\t%s\t%s\n' "$g" "$r" "$dir" >>"$RUN_DIR/runs.tsv"
}

evaluate() {  # LABEL VECTORS ROUND
  local label=$1 vectors=$2 r=$3 dir="$RUN_DIR/eval-$1-$3"
  if [ ! -f "$vectors" ]; then log "no vectors to evaluate for $label, round $r ($vectors)"; return 0; fi
  log "evaluating $label, round $r"
  local data=()
  [ -n "$DATA_DIR" ] && data=(--data "$DATA_DIR")
  timed "$dir" 0 dotnet "$DLL" eval "$vectors" --out "$dir" "${data[@]}"
  printf '%s\t%s\t%s\t%s\n' "$label" "$vectors" "$dir" "$r" >>"$RUN_DIR/evals.tsv"
}

# ------------------------------------------------------------------ main
install_missing
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
SUFFIX=""; [ "$LIMIT" -gt 0 ] && SUFFIX="-limit$LIMIT"
RUN_DIR="$ROOT/bench/work/runs/$STAMP$SUFFIX"
mkdir -p "$RUN_DIR" "$ROOT/bench/results"
: >"$RUN_DIR/runs.tsv"; : >"$RUN_DIR/evals.tsv"; : >"$RUN_DIR/skipped.tsv"
FAILED=()
SEEDS_SET=""; [ ${#SEEDS[@]} -gt 0 ] && SEEDS_SET=" BENCH_SEEDS='${SEEDS[*]}'"
COMMAND_LINE="BENCH_ROUNDS=$ROUNDS$SEEDS_SET BENCH_EVAL=$EVAL BENCH_LIMIT_BYTES=$LIMIT BENCH_TOOLS='$TOOLS' bench/bench.sh ${CONFIGS[*]}"
log "benchmark $STAMP: ${CONFIGS[*]}; $ROUNDS round(s)${SEEDS_SET:+ (seeds ${SEEDS[*]})}; tools: $TOOLS$([ "$LIMIT" -gt 0 ] && echo "; first $LIMIT bytes of the corpus"); work in $RUN_DIR"
read -r LOAD1 _ </proc/loadavg
if awk -v l="$LOAD1" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  log "warning: the load average is $LOAD1 on $(nproc) cores: other work will slow every tool down (the timings are only comparable on a quiet machine)"
fi
# What word2vec.c the runs use (collect.py puts it beside the other tools' versions).
"$PY" -c 'import json,sys; k=("binary","commit","origin","build"); json.dump({a: b or None for a, b in zip(k, sys.argv[1:5])}, open(sys.argv[5], "w"), indent=2)' \
  "$W2V_BIN" "$W2V_COMMIT" "$W2V_ORIGIN" "$W2V_BUILD" "$RUN_DIR/word2vec-c.json"
"$PY" "$ROOT/bench/collect.py" machine "$RUN_DIR/machine.json" "$RUN_DIR/word2vec-c.json" >/dev/null &
MACHINE_PID=$!   # while the machine is quiet: the load average at the start is part of it

# Each config's parameters and corpus; configs whose peer parameters agree share the peers' runs (a group).
NAMES=(); CORPORA=(); CONFIG_GROUP=(); GROUP_KEYS=(); GROUP_PARAMS=(); GROUP_CORPUS=()
DATA_DIR=""
for i in "${!CONFIGS[@]}"; do
  "$PY" "$ROOT/bench/params.py" "${CONFIGS[$i]}" >"$RUN_DIR/params-$i.json"
  p="$RUN_DIR/params-$i.json"
  NAMES[$i]=$(pget "$p" name)
  "$PY" -c 'import json,sys; [print("bench: warning:", x, file=sys.stderr) for x in json.load(open(sys.argv[1]))["problems"]]' "$p"
  [ -z "$DATA_DIR" ] && DATA_DIR=$(pget "$p" dataDir)
  src=$(resolve_corpus "$(pget "$p" corpusPath)" "$(pget "$p" dataDir)")
  CORPORA[$i]=$(plain_corpus "$src")
  key="$(pget "$p" peerKey)|${CORPORA[$i]}"
  g=-1
  for j in "${!GROUP_KEYS[@]}"; do [ "${GROUP_KEYS[$j]}" = "$key" ] && g=$j; done
  if [ "$g" -lt 0 ]; then
    g=${#GROUP_KEYS[@]}; GROUP_KEYS[$g]=$key; GROUP_PARAMS[$g]=$p; GROUP_CORPUS[$g]=${CORPORA[$i]}
  fi
  CONFIG_GROUP[$i]=$g
  printf '%s\t%s\t%s\t%s\n' "$i" "${NAMES[$i]}" "$g" "${CORPORA[$i]}" >>"$RUN_DIR/configs.tsv"
done
for g in "${!GROUP_CORPUS[@]}"; do
  log "counting the corpus tokens of $(basename "${GROUP_CORPUS[$g]}") (min count $(pget "${GROUP_PARAMS[$g]}" minCount))"
  "$PY" "$ROOT/bench/collect.py" corpus-stats "${GROUP_CORPUS[$g]}" "$(pget "${GROUP_PARAMS[$g]}" minCount)" >/dev/null
done
for i in "${!CONFIGS[@]}"; do   # ours may read the corpus of another group's min count
  "$PY" "$ROOT/bench/collect.py" corpus-stats "${CORPORA[$i]}" "$(pget "$RUN_DIR/params-$i.json" minCount)" >/dev/null
done
wait "$MACHINE_PID" || true
if has_tool gensim; then   # gensim reads a line-broken copy (see gensim_train.py); make it before any timing
  for g in "${!GROUP_CORPUS[@]}"; do "$PY" "$ROOT/bench/gensim_train.py" --prepare "${GROUP_CORPUS[$g]}" >/dev/null; done
fi

if [ "$SPEED" = 1 ] && has_tool ours; then
  log "w2v speed $SPEED_ARGS --threads $SPEED_THREADS"
  # shellcheck disable=SC2086
  timed "$RUN_DIR/speed" 0 dotnet "$DLL" speed $SPEED_ARGS --threads "$SPEED_THREADS" --json "$RUN_DIR/speed/speed.json"
  cat "$RUN_DIR/speed/stdout.log" >&2
fi

T0=$SECONDS
for r in $(seq 1 "$ROUNDS"); do
  if has_tool ours; then for i in "${!CONFIGS[@]}"; do run_ours "$i" "$r"; done; fi
  for g in "${!GROUP_KEYS[@]}"; do
    has_tool gensim && run_gensim "$g" "$r"
    has_tool fasttext && run_fasttext "$g" "$r"
    has_tool word2vec && run_word2vec "$g" "$r"
  done
  log "round $r done after $((SECONDS - T0)) s"
done

EVAL_ROUNDS=(); [ "$EVAL" = 1 ] && EVAL_ROUNDS=("$ROUNDS"); [ "$EVAL" = all ] && EVAL_ROUNDS=($(seq 1 "$ROUNDS"))
for r in "${EVAL_ROUNDS[@]}"; do
  if has_tool ours; then
    for i in "${!CONFIGS[@]}"; do evaluate "ours-${NAMES[$i]}" "$RUN_DIR/ours-${NAMES[$i]}-$r/out/vectors.bin" "$r"; done
  fi
  for g in "${!GROUP_KEYS[@]}"; do
    has_tool gensim && evaluate "gensim-g$g" "$RUN_DIR/gensim-g$g-$r/vectors.bin" "$r"
    has_tool fasttext && evaluate "fasttext-g$g" "$RUN_DIR/fasttext-g$g-$r/vectors.vec" "$r"
    has_tool word2vec && evaluate "word2vec-g$g" "$RUN_DIR/word2vec-g$g-$r/vectors.bin" "$r"
  done
done
"$PY" -c 'import os,json,sys; json.dump({"loadavg_end": open("/proc/loadavg").read().split()[:3]}, open(sys.argv[1],"w"))' "$RUN_DIR/end.json"

# One JSON per config, then the Markdown of them all.
RESULTS=()
for i in "${!CONFIGS[@]}"; do
  out="$ROOT/bench/results/$STAMP-${NAMES[$i]}$SUFFIX.json"
  "$PY" "$ROOT/bench/collect.py" results "$RUN_DIR" "$i" "$ROUNDS" "$LIMIT" "$COMMAND_LINE" "$out"
  RESULTS+=("$out")
done
MD="$ROOT/bench/results/latest.md"; [ "$LIMIT" -gt 0 ] && MD="$ROOT/bench/results/latest-limit.md"
DATED_MD="$ROOT/bench/results/$STAMP$SUFFIX.md"   # this run's report, kept when a later run writes latest.md
"$PY" "$ROOT/bench/report.py" --out "$DATED_MD" "${RESULTS[@]}"
cp "$DATED_MD" "$MD"
log "wrote ${RESULTS[*]}, $DATED_MD and $MD"
if [ ${#FAILED[@]} -gt 0 ]; then
  log "${#FAILED[@]} run(s) failed: ${FAILED[*]}"
  exit 1
fi
