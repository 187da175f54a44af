#!/usr/bin/env python3
"""Helpers of bench/bench.sh (standard library only).

  collect.py machine OUT.json [WORD2VEC_C.json]
                                               the machine, the tools' versions (word2vec.c's: the JSON bench.sh
                                               wrote: binary, commit, origin, build) and the active BLAS
  collect.py corpus-stats CORPUS MIN_COUNT     corpus tokens, and tokens of words seen >= MIN_COUNT times (cached)
  collect.py results RUN_DIR I ROUNDS LIMIT COMMAND OUT.json
                                               config I's runs, its peers' runs, medians, evaluations -> OUT.json
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The peers as runs.tsv and evals.tsv name them (word2vec = word2vec.c).
PEERS = ("gensim", "fasttext", "word2vec")

WORDS_PER_SECOND_DEFINITION = (
    "words/s = T x epochs / training seconds, the same for every tool: T = the corpus tokens whose word occurs at least "
    "minCount times (counted once by the benchmark; before subsampling); training seconds exclude process start-up, "
    "vocabulary building and writing the vectors. Ours: run.json's wallSeconds (the SGD loop). gensim: the duration of "
    "model.train(). fastText does not print its training time: its final 'words/sec/thread' x threads is its own count of "
    "the same tokens (in-vocabulary, before subsampling) over its training time, so its training seconds are "
    "T x epochs / (words/sec/thread x threads). word2vec.c does not print its training time either: its last "
    "'Words/thread/sec: Nk' is its count of the same tokens (in-vocabulary, before subsampling, plus one </s> per line "
    "break) over the CPU seconds of the whole process since training began (clock()), i.e. words per CPU-second; it is "
    "treated as fastText's figure: words/s = N x 1000 x threads and training seconds = T x epochs / words/s, which holds "
    "while every thread has a core of its own (with fewer free cores it overstates word2vec.c's speed); the figure is "
    "printed every 10,000 words per thread, so the last one misses at most the end of the run. "
    "Wall s: the whole process (/usr/bin/time), start-up and I/O included.")


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def read(path, default=None):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return default


def load_json(path):
    text = read(path)
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


# ------------------------------------------------------------------ machine
def machine(out_path, word2vec_c_path=None):
    cpuinfo = read("/proc/cpuinfo", "")
    model = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.M)
    meminfo = read("/proc/meminfo", "")
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    os_release = read("/etc/os-release", "")
    pretty = re.search(r'^PRETTY_NAME="?([^"\n]*)', os_release, re.M)
    try:
        import gensim
        gensim_version = gensim.__version__
    except ImportError:
        gensim_version = None

    def dpkg(pkg):
        v = sh("dpkg-query", "-W", "-f", "${Version}", pkg)
        return v or None

    # word2vec.c: no package; bench.sh found or built the binary and knows the commit of its source where it can.
    w2v = (load_json(word2vec_c_path) if word2vec_c_path else None) or {}
    if w2v.get("build"):
        w2v["gcc"] = (sh("gcc", "--version").splitlines() or [None])[0]

    build = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
    shim = os.path.join(build, "native", "libTorchSharpShim.so")
    shim_ldd = sh("ldd", shim)
    torch_cpu = re.search(r"libtorch_cpu\.so\S*\s*=>\s*(\S+)", shim_ldd)
    torch_ldd = sh("ldd", torch_cpu.group(1)) if torch_cpu else ""
    blas_lines = [l.strip() for l in torch_ldd.splitlines() if re.search(r"blas|lapack|mkl", l, re.I)]
    libblas = re.search(r"libblas\.so\.3\s*=>\s*(\S+)", torch_ldd)
    blas_real = os.path.realpath(libblas.group(1)) if libblas else None
    alternatives = sh("update-alternatives", "--display", "libblas.so.3-x86_64-linux-gnu")
    if blas_real is None:
        active = "unknown (libtorch links no libblas.so.3 that ldd shows)"
    elif "openblas" in blas_real:
        active = "OpenBLAS (" + ("pthread" if "pthread" in blas_real else "openmp" if "openmp" in blas_real else "serial") + ")"
    elif "/blas/" in blas_real:
        active = "the reference BLAS (netlib; slow: install libopenblas0-pthread)"
    elif "mkl" in blas_real:
        active = "MKL"
    else:
        active = blas_real
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    m = {
        "nproc": cores,
        "cpuModel": model.group(1).strip() if model else None,
        "memoryGiB": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "os": pretty.group(1) if pretty else platform.platform(),
        "kernel": platform.release(),
        "loadAverageAtStart": read("/proc/loadavg", "").split()[:3],
        "versions": {
            "dotnetSdk": sh("dotnet", "--version") or None,
            "libtorch": dpkg("libtorch-dev"),
            "gensim": gensim_version,
            "gensimPackage": dpkg("python3-gensim"),
            "fasttext": dpkg("fasttext"),
            "word2vec": (w2v["commit"][:12] if w2v.get("commit") else "commit unknown") if w2v.get("binary") else None,
            "python": platform.python_version(),
            "numpy": dpkg("python3-numpy"),
            "openblas": dpkg("libopenblas0-pthread"),
        },
        "word2vecC": w2v or None,
        "blas": {
            "active": active,
            "libblasOfLibtorch": blas_real,
            "lddLibtorchCpu": blas_lines,
            "lddShim": [l.strip() for l in shim_ldd.splitlines() if "torch" in l or "blas" in l],
            "alternatives": alternatives.splitlines(),
        },
        "environment": {k: os.environ[k] for k in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "Torch_DIR")
                        if k in os.environ},
    }
    with open(out_path, "w") as f:
        json.dump(m, f, indent=2)
    print(json.dumps(m, indent=2))


# ------------------------------------------------------------------ corpus
def corpus_stats(path, min_count):
    cache_path = path + ".stats.json"
    st = os.stat(path)
    cache = load_json(cache_path) or {}
    if cache.get("bytes") != st.st_size or cache.get("mtime") != int(st.st_mtime):
        cache = {"bytes": st.st_size, "mtime": int(st.st_mtime), "byMinCount": {}}
    key = str(min_count)
    if key not in cache["byMinCount"]:
        counts = Counter()
        rest = b""
        with open(path, "rb") as f:
            while True:
                chunk = f.read(1 << 23)
                if not chunk:
                    break
                chunk = rest + chunk
                cut = max(chunk.rfind(b" "), chunk.rfind(b"\n"), chunk.rfind(b"\t"))
                if cut < 0:
                    rest = chunk
                    continue
                counts.update(chunk[:cut].split())
                rest = chunk[cut:]
        counts.update(rest.split())
        kept = {w: c for w, c in counts.items() if c >= min_count}
        cache["tokens"] = sum(counts.values())
        cache["distinctWords"] = len(counts)
        cache["byMinCount"][key] = {"tokensKept": sum(kept.values()), "vocabulary": len(kept)}
        with open(cache_path, "w") as f:
            json.dump(cache, f, indent=2)
    out = {"corpus": path, "bytes": cache["bytes"], "tokens": cache["tokens"], "distinctWords": cache["distinctWords"],
           "minCount": min_count, **cache["byMinCount"][key]}
    print(json.dumps(out))
    return out


# ------------------------------------------------------------------ one run
def parse_time(path):
    """GNU time -v: wall, user, sys seconds, peak RSS."""
    text = read(path, "")
    def num(label):
        m = re.search(r"^\s*" + re.escape(label) + r":\s*([0-9.]+)\s*$", text, re.M)
        return float(m.group(1)) if m else None
    wall = None
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*(\S+)", text)
    if m:
        parts = [float(x) for x in m.group(1).split(":")]
        wall = 0.0
        for x in parts:
            wall = wall * 60 + x
    user, system = num("User time (seconds)"), num("System time (seconds)")
    rss = num("Maximum resident set size (kbytes)")
    return {"wallSeconds": wall, "userSeconds": user, "systemSeconds": system,
            "cpuSeconds": (user or 0) + (system or 0) if user is not None else None,
            "peakRssMB": rss / 1024 if rss is not None else None}


def rss_trend(path):
    """The VmRSS samples (one a second): first-minute and last-minute averages, and a thinned series."""
    text = read(path)
    if not text:
        return None
    rows = []
    for line in text.splitlines()[1:]:
        try:
            t, kb = line.split("\t")
            rows.append((float(t), int(kb) / 1024))
        except ValueError:
            continue
    if not rows:
        return None
    t0 = rows[0][0]
    rows = [(t - t0, mb) for t, mb in rows]
    end = rows[-1][0]
    first = [mb for t, mb in rows if t < 60]
    last = [mb for t, mb in rows if t > end - 60]
    step = max(1, len(rows) // 60)
    return {
        "samples": len(rows), "seconds": end,
        "firstMinuteAvgMB": statistics.fmean(first), "lastMinuteAvgMB": statistics.fmean(last),
        "maxSampledMB": max(mb for _, mb in rows),
        "overlap": end < 120,
        "note": "the run is shorter than two minutes, so the two windows overlap" if end < 120 else None,
        "series": [[round(t, 1), round(mb, 1)] for t, mb in rows[::step]],
    }


def parse_run(tool, dir_, tokens_times_epochs, threads):
    run = {"tool": tool, "dir": os.path.relpath(dir_, ROOT), "exitCode": None, **parse_time(os.path.join(dir_, "time.txt"))}
    rc = read(os.path.join(dir_, "rc"))
    run["exitCode"] = int(rc) if rc and rc.strip().lstrip("-").isdigit() else None
    run["command"] = (read(os.path.join(dir_, "command.txt"), "") or "").strip()
    train = None
    if tool == "ours":
        r = load_json(os.path.join(dir_, "out", "run.json")) or {}
        train = r.get("wallSeconds")
        run["own"] = {k: r.get(k) for k in ("steps", "wordsProcessed", "wordsPerSecond", "examplesPerSecond", "wallSeconds",
                                             "finalLoss", "finalSmoothedLoss", "torch")}
        engine = ((r.get("resolved") or {}).get("training") or {}).get("engine")
        run["own"]["engine"] = engine
        run["own"]["device"] = (r.get("resolved") or {}).get("device")
        trend = rss_trend(os.path.join(dir_, "rss.tsv"))
        if trend:
            run["rss"] = trend
    elif tool == "gensim":
        g = load_json(os.path.join(dir_, "gensim.json")) or {}
        train = g.get("trainSeconds")
        run["own"] = g
    elif tool == "fasttext":
        err = read(os.path.join(dir_, "stderr.log"), "") + read(os.path.join(dir_, "stdout.log"), "")
        wst = re.findall(r"words/sec/thread:\s*([0-9.]+)", err)
        nwords = re.search(r"Number of words:\s*(\d+)", err)
        read_words = re.search(r"Read (\d+)M words", err)
        loss = re.findall(r"avg\.loss:\s*([0-9.]+)", err)
        own = {"wordsPerSecondPerThread": float(wst[-1]) if wst else None, "threads": threads,
               "vocabSize": int(nwords.group(1)) if nwords else None,
               "readMillionWords": int(read_words.group(1)) if read_words else None,
               "finalAvgLoss": float(loss[-1]) if loss else None}
        if own["wordsPerSecondPerThread"]:
            own["wordsPerSecond"] = own["wordsPerSecondPerThread"] * threads
            train = tokens_times_epochs / own["wordsPerSecond"]
        run["own"] = own
    elif tool == "word2vec":
        out = read(os.path.join(dir_, "stdout.log"), "") or ""
        # The progress line, rewritten in place with \r: "Alpha: a  Progress: p%  Words/thread/sec: Nk".
        wcs = re.findall(r"Words/thread/sec:\s*([0-9.]+)k", out)
        progress = re.findall(r"Progress:\s*([0-9.]+)%", out)
        alpha = re.findall(r"Alpha:\s*([0-9.]+)", out)
        vocab = re.search(r"Vocab size:\s*(\d+)", out)
        train_words = re.search(r"Words in train file:\s*(\d+)", out)
        own = {"wordsPerThreadPerSecondK": float(wcs[-1]) if wcs else None, "threads": threads,
               "vocabSize": int(vocab.group(1)) if vocab else None,
               "trainWords": int(train_words.group(1)) if train_words else None,
               "lastProgressPercent": float(progress[-1]) if progress else None,
               "lastAlpha": float(alpha[-1]) if alpha else None}
        if own["wordsPerThreadPerSecondK"]:
            # Words per CPU-second of the process (word2vec.c divides by clock()), so x threads for words per second.
            own["wordsPerCpuSecond"] = own["wordsPerThreadPerSecondK"] * 1000
            own["trainCpuSeconds"] = tokens_times_epochs / own["wordsPerCpuSecond"]
            own["wordsPerSecond"] = own["wordsPerCpuSecond"] * threads
            train = tokens_times_epochs / own["wordsPerSecond"]
        run["own"] = own
    run["trainSeconds"] = train
    run["wordsPerSecond"] = tokens_times_epochs / train if train else None
    run["ok"] = run["exitCode"] == 0 and run["wordsPerSecond"] is not None
    return run


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarize(runs):
    ok = [r for r in runs if r["ok"]]
    return {
        "runs": len(runs), "succeeded": len(ok),
        "medianWallSeconds": median(r["wallSeconds"] for r in ok),
        "medianTrainSeconds": median(r["trainSeconds"] for r in ok),
        "medianWordsPerSecond": median(r["wordsPerSecond"] for r in ok),
        "medianCpuSeconds": median(r["cpuSeconds"] for r in ok),
        "peakRssMB": max((r["peakRssMB"] for r in ok if r["peakRssMB"] is not None), default=None),
        "medianPeakRssMB": median(r["peakRssMB"] for r in ok),
    }


def evaluation_summary(dir_):
    e = load_json(os.path.join(dir_, "evaluation.json"))
    if e is None:
        return None
    def num(x):
        return None if x in (None, "NaN") else x
    s = {"dir": os.path.relpath(dir_, ROOT), "vectors": e.get("vectors"), "seconds": e.get("seconds"), "analogy": {},
         "similarity": {}, "sentiment": {}}
    for a in e.get("analogy") or []:
        s["analogy"][a["method"]] = {
            "restrictVocab": a.get("restrictVocab"),
            "total": num(a["total"].get("accuracy")), "semantic": num(a["semantic"].get("accuracy")),
            "syntactic": num(a["syntactic"].get("accuracy")), "answered": a["total"].get("answered"),
            "coverage": num(a["total"].get("coverage")),
        }
    for r in e.get("similarity") or []:
        s["similarity"][r["dataset"]] = {"spearman": num(r.get("spearman")), "found": r.get("found"), "pairs": r.get("pairs")}
    for r in ((e.get("sentiment") or {}).get("results") or []):
        s["sentiment"][f"{r['task']} {r['classifier']}"] = {"test": num(r.get("testAccuracy")), "dev": num(r.get("devAccuracy"))}
    return s


# ------------------------------------------------------------------ quality over seeds
def quality_figures(e):
    """The figures of one evaluation that the quality comparison follows: analogy accuracies, then every ρ."""
    figures = {}
    for method, label in (("cosAdd", "analogy 3CosAdd"), ("cosMul", "analogy 3CosMul")):
        v = ((e.get("analogy") or {}).get(method) or {}).get("total")
        if v is not None:
            figures[label] = v
    for dataset, r in (e.get("similarity") or {}).items():
        if r.get("spearman") is not None:
            figures[f"{dataset} ρ"] = r["spearman"]
    return figures


def quality_over_runs(runs):
    """Each figure over the evaluated runs (one a seed): n, mean, sample standard deviation, range, the values."""
    values, seeds = {}, {}
    for r in runs:
        for k, v in quality_figures(r["evaluation"]).items():
            values.setdefault(k, []).append(v)
            seeds.setdefault(k, []).append(r["seed"])
    return {k: {"n": len(vs), "mean": statistics.fmean(vs), "sd": statistics.stdev(vs) if len(vs) > 1 else None,
                "min": min(vs), "max": max(vs), "values": vs, "seeds": seeds[k]}
            for k, vs in values.items()}


def t_quantile_975(df):
    """The 0.975 quantile of Student's t with df degrees of freedom (df may be fractional, as Welch's is):
    bisection on the CDF, whose integral of the density from 0 is taken by Simpson's rule."""
    import math
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def cdf(x, steps=2000):
        h = x / steps
        f = lambda t: c * (1 + t * t / df) ** (-(df + 1) / 2)
        s = f(0) + f(x) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, steps))
        return 0.5 + s * h / 3

    lo, hi = 0.0, 1.0
    while cdf(hi) < 0.975:
        lo, hi = hi, hi * 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < 0.975 else (lo, mid)
    return (lo + hi) / 2


def welch_interval(a, b):
    """mean(a) − mean(b) with Welch's 95 % interval (the seeds of the two tools are independent draws)."""
    na, nb = a["n"], b["n"]
    diff = a["mean"] - b["mean"]
    if na < 2 or nb < 2:
        return {"difference": diff, "low": None, "high": None, "df": None}
    va, vb = a["sd"] ** 2 / na, b["sd"] ** 2 / nb
    se = (va + vb) ** 0.5
    if se == 0:
        return {"difference": diff, "low": diff, "high": diff, "df": None}
    df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1))
    t = t_quantile_975(df)
    return {"difference": diff, "low": diff - t * se, "high": diff + t * se, "df": df}


def quality_differences(tools):
    """ours − each peer, for every figure both have: the difference of the means over the seeds, with its interval."""
    ours = (tools.get("ours") or {}).get("quality") or {}
    out = {}
    for peer in PEERS:
        theirs = (tools.get(peer) or {}).get("quality") or {}
        diffs = {k: welch_interval(ours[k], theirs[k]) for k in ours if k in theirs}
        if diffs:
            out[peer] = diffs
    return out


def tsv(path):
    text = read(path, "") or ""
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def results(run_dir, index, rounds, limit, command, out_path):
    index = int(index)
    params = load_json(os.path.join(run_dir, f"params-{index}.json"))
    configs = {row[0]: row for row in tsv(os.path.join(run_dir, "configs.tsv"))}
    _, name, group, corpus = configs[str(index)]
    group_params = None
    for row in configs.values():   # the group's parameters are its first config's
        if row[2] == group:
            group_params = load_json(os.path.join(run_dir, f"params-{row[0]}.json"))
            break
    stats_ours = corpus_stats_cached(corpus, params["minCount"])
    stats_peers = corpus_stats_cached(corpus, group_params["minCount"])
    runs = {"ours": [], **{peer: [] for peer in PEERS}}
    for tool, key, rnd, dir_, *seed in tsv(os.path.join(run_dir, "runs.tsv")):
        if tool == "ours" and key == name:
            t = stats_ours["tokensKept"] * params["epochs"]
            threads = params["threads"]
        elif tool in PEERS and key == f"g{group}":
            t = stats_peers["tokensKept"] * group_params["epochs"]
            threads = group_params["threads"]
        else:
            continue
        run = parse_run(tool, dir_, t, threads)
        run["round"] = int(rnd)
        # The seed the run trained with (BENCH_SEEDS, else the config's); word2vec.c takes none.
        run["seed"] = (int(seed[0]) if seed and seed[0] else params["seed"] if tool == "ours"
                       else group_params["seed"] if tool in ("gensim", "fasttext") else None)
        runs[tool].append(run)
    evals = {}   # (tool, round) -> the evaluation of that round's vectors
    for label, vectors, dir_, *rnd in tsv(os.path.join(run_dir, "evals.tsv")):
        tool = "ours" if label == f"ours-{name}" else next((p for p in PEERS if label == f"{p}-g{group}"), None)
        if tool:
            evals[(tool, int(rnd[0]) if rnd else int(rounds))] = evaluation_summary(dir_)
    for tool, rs in runs.items():
        for run in rs:
            run["evaluation"] = evals.get((tool, run["round"]))
    # The peers that could not train this loss (bench.sh logs it once a round): the reason, once.
    skipped = {}
    for tool, key, reason in tsv(os.path.join(run_dir, "skipped.tsv")):
        if key == f"g{group}":
            skipped.setdefault(tool, reason)
    tools = {}
    for tool, rs in runs.items():
        if not rs:
            continue
        evaluated = [r for r in rs if r["evaluation"]]
        tools[tool] = {"summary": summarize(rs), "evaluation": evaluated[-1]["evaluation"] if evaluated else None,
                       "quality": quality_over_runs(evaluated), "runs": rs}
    ours = (tools.get("ours") or {}).get("summary", {}).get("medianWordsPerSecond")
    ratios = {}
    for peer in PEERS:
        theirs = (tools.get(peer) or {}).get("summary", {}).get("medianWordsPerSecond")
        ratios[f"ours/{peer}"] = ours / theirs if ours and theirs else None
    rss = [dict(r["rss"], round=r["round"]) for r in (tools.get("ours") or {}).get("runs", []) if r.get("rss") and r["ok"]]
    speed = load_json(os.path.join(run_dir, "speed", "speed.json"))
    result = {
        "benchmark": "Word2Vec.Torch vs gensim vs fastText vs word2vec.c",
        "config": params["config"],
        "configName": name,
        "command": command,
        "runDir": os.path.relpath(run_dir, ROOT),
        "rounds": int(rounds),
        "limitBytes": int(limit) or None,
        "sliceWarning": "trained on a slice of the corpus only: not a real result" if int(limit) else None,
        "params": params,
        "peerGroup": int(group),
        "peerParams": group_params,
        "corpus": stats_peers,
        "wordsPerSecondDefinition": WORDS_PER_SECOND_DEFINITION,
        "machine": load_json(os.path.join(run_dir, "machine.json")),
        "loadAverageAtEnd": (load_json(os.path.join(run_dir, "end.json")) or {}).get("loadavg_end"),
        "tools": tools,
        "skipped": skipped,
        "ratios": ratios,
        "oursMinusPeers": quality_differences(tools),
        "oursRssOverTime": rss[0] if rss else None,
        "speed": speed,
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2)


def corpus_stats_cached(path, min_count):
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        return corpus_stats(path, min_count)


def main(argv):
    if len(argv) in (3, 4) and argv[1] == "machine":
        machine(argv[2], argv[3] if len(argv) == 4 else None)
    elif len(argv) == 4 and argv[1] == "corpus-stats":
        corpus_stats(argv[2], int(argv[3]))
    elif len(argv) == 8 and argv[1] == "results":
        results(*argv[2:8])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
