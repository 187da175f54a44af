#!/usr/bin/env python3
"""The benchmark's Markdown: one table per corpus and peer settings, a row per tool.

Usage: report.py [--out FILE.md] RESULT.json...   (the JSON files bench/bench.sh wrote; standard library only)
Prints the Markdown and, with --out, writes it there.
"""
import json
import sys

from collect import welch_interval

# The peers in the order of their rows and ratio columns, with the names the report gives them.
PEERS = ("gensim", "fasttext", "word2vec")
NAMES = {"gensim": "gensim", "fasttext": "fastText", "word2vec": "word2vec.c"}


def fmt(x, spec, none="–"):
    return none if x is None else format(x, spec)


def pct(x):
    return "–" if x is None else f"{100 * x:.2f} %"


def tool_name(tool, result):
    if tool == "ours":
        p = result["params"]
        return f"**Word2Vec.Torch** `{result['configName']}` ({p['engine']} engine)"
    version = ((result.get("machine") or {}).get("versions") or {}).get(tool)
    return NAMES[tool] + (f" {version}" if version else "")


def loss_description(p):
    """The loss as the config names it, with K for the losses that draw negatives (older results lack "hs")."""
    loss = p["loss"]
    if loss in ("negativeSampling", "hierarchicalSoftmaxAndNegativeSampling"):
        return f"{loss} K = {p['negatives']}"
    return loss


def run_evaluations(tool_data):
    return [r for r in tool_data.get("runs") or [] if r.get("evaluation")]


def seeds_description(result, p):
    """"seed 1", or with BENCH_SEEDS "seeds 1, 2, 3 (one a round)"."""
    seeds = sorted({r["seed"] for r in result["tools"].get("ours", {}).get("runs", []) if r.get("seed") is not None}
                   | {r["seed"] for t in PEERS for r in (result["tools"].get(t) or {}).get("runs", []) if r.get("seed") is not None})
    if len(seeds) > 1:
        return "seeds " + ", ".join(map(str, seeds)) + " (one a round)"
    return f"seed {seeds[0] if seeds else p['seed']}"


def spread(q, figure):
    """mean ± sd (min–max); analogies in %."""
    scale, unit, digits = (100, " %", 2) if figure.startswith("analogy") else (1, "", 3)
    m = f"{scale * q['mean']:.{digits}f}"
    if q["n"] < 2:
        return m + unit
    return f"{m} ± {scale * q['sd']:.{digits}f}{unit} ({scale * q['min']:.{digits}f}–{scale * q['max']:.{digits}f})"


def difference(d, figure):
    scale, unit, digits = (100, " points", 2) if figure.startswith("analogy") else (1, "", 3)
    text = f"{scale * d['difference']:+.{digits}f}"
    if d.get("low") is not None:
        text += f" [{scale * d['low']:+.{digits}f}, {scale * d['high']:+.{digits}f}]"
    return text + unit


def quality_section(rs):
    """Quality over seeds (BENCH_SEEDS): each tool's figures over its evaluated rounds, then ours − each peer."""
    rows = [(tool_name("ours", r), r["tools"]["ours"]) for r in rs if "ours" in r["tools"]]
    rows += [(tool_name(t, rs[0]), rs[0]["tools"][t]) for t in PEERS if t in rs[0]["tools"]]
    if not any(len(run_evaluations(data)) > 1 for _, data in rows):
        return []
    figures = []
    for _, data in rows:
        figures += [f for f in data.get("quality") or {} if f not in figures]
    out = ["Quality over the rounds: mean ± standard deviation (lowest–highest) of each tool's evaluated rounds. With "
           "BENCH_SEEDS each round trains with its own seed; word2vec.c takes none, so its rounds differ only by the "
           "timing of its threads (Hogwild), which scatters every tool's runs on several threads.\n",
           "| tool | seeds | " + " | ".join(figures) + " |", "|---|---|" + "---:|" * len(figures)]
    for name, data in rows:
        q = data.get("quality") or {}
        seeds = ", ".join(str(r["seed"]) if r.get("seed") is not None else "–" for r in run_evaluations(data))
        out.append(f"| {name} | {seeds} | " + " | ".join(spread(q[f], f) if f in q else "–" for f in figures) + " |")
    out.append("")
    ours = [r for r in rs if "ours" in r["tools"]]
    for r in ours[1:]:   # two of our configs in one run: the first minus each other
        a, b = ours[0]["tools"]["ours"].get("quality") or {}, r["tools"]["ours"].get("quality") or {}
        diffs = {f: welch_interval(a[f], b[f]) for f in a if f in b}
        if diffs:
            out.append(f"- `{ours[0]['configName']}` − `{r['configName']}`, the difference of the means with Welch's 95 % "
                       "interval: " + "; ".join(f"{f} {difference(d, f)}" for f, d in diffs.items()) + ".")
    for r in rs:
        for peer, diffs in (r.get("oursMinusPeers") or {}).items():
            out.append(f"- `{r['configName']}` − {NAMES[peer]}, the difference of the means with Welch's 95 % interval: "
                       + "; ".join(f"{f} {difference(d, f)}" for f, d in diffs.items()) + ".")
    out.append("")
    return out


def row(name, tool_data, peers_wps):
    s = tool_data["summary"]
    e = tool_data.get("evaluation") or {}
    analogy = (e.get("analogy") or {})
    add, mul = (analogy.get("cosAdd") or {}).get("total"), (analogy.get("cosMul") or {}).get("total")
    ws = ((e.get("similarity") or {}).get("WordSim-353") or {}).get("spearman")
    wps = s["medianWordsPerSecond"]
    ratios = [fmt(wps / p, ".2f") if wps and p else "–" for p in peers_wps]
    runs = f"{s['succeeded']}/{s['runs']}"
    return (f"| {name} | {runs} | {fmt(s['medianWallSeconds'], '.1f')} | {fmt(s['medianTrainSeconds'], '.1f')} | "
            f"{fmt(wps, ',.0f')} | {fmt(s['medianCpuSeconds'], '.1f')} | {fmt(s['peakRssMB'], ',.0f')} | "
            f"{' | '.join(ratios)} | {pct(add)} | {pct(mul)} | {fmt(ws, '.3f')} |")


def render(results):
    out = []
    first = results[0]
    m = first.get("machine") or {}
    slice_ = any(r.get("limitBytes") for r in results)
    out.append("# Benchmark: Word2Vec.Torch vs gensim vs fastText vs word2vec.c\n")
    if slice_:
        out.append(f"> **Slice run** (first {first['limitBytes']:,} bytes of the corpus): for testing the benchmark, "
                   "not a result to quote.\n")
    c = first["corpus"]
    p = first["peerParams"]
    out.append(f"Corpus `{c['corpus'].split('/')[-1]}`: {c['bytes']:,} bytes, {c['tokens']:,} tokens, "
               f"{c['tokensKept']:,} tokens of the {c['vocabulary']:,} words seen ≥ {c['minCount']} times (T). "
               f"{first['rounds']} interleaved round(s) per tool; medians over the rounds.\n")
    # A table per peer group of this invocation.
    groups = {}
    for r in results:
        groups.setdefault((r["runDir"], r["peerGroup"]), []).append(r)
    for (_, g), rs in groups.items():
        p = rs[0]["peerParams"]
        out.append(f"## {', '.join(r['configName'] for r in rs)}\n")
        arch = p["architecture"] + (f" ({p.get('cbowCombine', 'mean')})" if p["architecture"] == "cbow" else "")
        out.append(f"{arch}, {loss_description(p)}"
                   f", window {p['window']}, d = {p['dimension']}, min count {p['minCount']}, sample {p['sample']:g}, "
                   f"{p['epochs']} epoch(s), lr {p['learningRate']:g} linear to {p['minLearningRate']:g}, "
                   f"{p['threads']} thread(s), {seeds_description(rs[0], p)} — the same for every tool"
                   + (" (word2vec.c takes no seed)" if "word2vec" in rs[0]["tools"] else "") + ".\n")
        peers = rs[0]["tools"]
        peer_wps = [(peers.get(t) or {}).get("summary", {}).get("medianWordsPerSecond") for t in PEERS]
        out.append("| tool | runs ok | wall s | train s | words/s | CPU s | peak RSS MB | "
                   + " | ".join(f"words/s ÷ {NAMES[t]}" for t in PEERS)
                   + " | analogy 3CosAdd | analogy 3CosMul | WordSim-353 ρ |")
        out.append("|---|" + "---:|" * (9 + len(PEERS)))
        for r in rs:
            if "ours" in r["tools"]:
                out.append(row(tool_name("ours", r), r["tools"]["ours"], peer_wps))
        for t in PEERS:
            if t in peers:
                out.append(row(tool_name(t, rs[0]), peers[t], peer_wps))
        out.append("")
        out.extend(quality_section(rs))
        gensim_runs = (peers.get("gensim") or {}).get("runs") or []
        owns = [r["own"] for r in gensim_runs if r.get("own")]   # a failed run has none
        if owns and all(o.get("totalExamplesGiven") for o in owns):
            own = owns[0]
            out.append(f"- gensim: train() was given total_examples = {own['totalExamplesGiven']:,} (its "
                       f"{own['corpusSentences']:,} lines over {own['workers']} workers), so that its corpus_file mode "
                       "decays the rate to min_alpha as the others do (see bench/gensim_train.py).")
        elif gensim_runs and p["threads"] > 1:
            out.append("- gensim: trained with total_examples = all its lines: in corpus_file mode with several workers "
                       "its rate then stops short of min_alpha (near alpha / (2 x epochs) with 2 workers; see bench/gensim_train.py).")
        for t, reason in (rs[0].get("skipped") or {}).items():
            out.append(f"- {NAMES.get(t, t)}: not run ({reason}).")
        for r in rs:
            ratio = r.get("ratios") or {}
            if "ours" in r["tools"]:
                out.append(f"- `{r['configName']}`: "
                           + ", ".join(f"ours/{NAMES[t]} = {fmt(ratio.get('ours/' + t), '.2f')}" for t in PEERS)
                           + " (median words/s).")
            rss = r.get("oursRssOverTime")
            if rss:
                out.append(f"- `{r['configName']}` RSS over time (VmRSS each second, round {rss.get('round', 1)}, {rss['samples']} samples over "
                           f"{rss['seconds']:.0f} s): first-minute average {rss['firstMinuteAvgMB']:,.0f} MB, last-minute "
                           f"average {rss['lastMinuteAvgMB']:,.0f} MB, highest sample {rss['maxSampledMB']:,.0f} MB"
                           + (f" ({rss['note']})" if rss.get("note") else "") + ".")
        out.append("")
    out.append("Columns: wall s = the whole process (/usr/bin/time -v); train s and words/s as defined below; CPU s = user + "
               "system; peak RSS = the largest maximum resident set over the rounds; analogies = Google analogy questions, "
               "top 30,000 words, accuracy over answered questions; ρ = Spearman. "
               + ("Every round's vectors are evaluated by `w2v eval`; the table shows the last round's "
                  if any(len(run_evaluations(t)) > 1 for r in results for t in r["tools"].values())
                  else "Each tool's vectors of the last round are evaluated once by `w2v eval` ")
               + "(all of its results, SimLex, MEN, RW, MTurk and SST included, are in the JSON).\n")
    out.append("words/s: " + first["wordsPerSecondDefinition"].split("words/s = ", 1)[-1] + "\n")
    speed = first.get("speed")
    if speed:
        out.append(f"## Naive softmax vs matrix-product speed (`w2v speed`)\n")
        out.append(f"V = {speed['vocab']:,}, d = {speed['dim']}, B = {speed['batch']:,}, {speed['dtype']} on {speed['device']}, "
                   f"{speed['threads']} libtorch thread(s); median over repeats after warm-up.\n")
        out.append("| case | ms / step | pairs/s |")
        out.append("|---|---:|---:|")
        for key in ("naiveSoftmax", "negativeSampling"):
            k = speed.get(key)
            if k:
                out.append(f"| {k['name']} | {1e3 * k['medianSecondsPerStep']:.2f} | {k['medianPairsPerSecond']:,.0f} |")
        flops = 2.0 * speed["batch"] * speed["dim"] * speed["vocab"]
        for k in [speed["matrixProduct"]] + (speed.get("gradientProducts") or []):
            out.append(f"| {k['name']} | {1e3 * k['medianSecondsPerStep']:.2f} | ({flops / k['medianSecondsPerStep'] / 1e9:.1f} GFLOP/s) |")
        out.append("")
        out.append(f"One naive-softmax step costs {speed['naiveStepOverOneMm']:.2f} bare products; at matrix-product speed "
                   f"(three products per step) it would run {speed['naivePairsPerSecondAtMmSpeed']:,.0f} pairs/s: it runs "
                   f"{100 * speed['naiveFractionOfMmSpeed']:.0f} % of that; the step's own three products, timed alone, are "
                   f"{100 * speed['naiveFractionInProducts']:.0f} % of its time (the rest is the four in-place passes "
                   f"over the [B, V] scores: shift, exp, normalise, subtract 1 at the targets). BLAS mapped into the process: "
                   f"{', '.join('`' + b + '`' for b in speed.get('blasLibraries') or []) or 'none found'}.\n")
    if m:
        v = m.get("versions", {})
        blas = m.get("blas", {})
        out.append("## Machine\n")
        out.append(f"- {m.get('nproc')} cores ({m.get('cpuModel')}), {m.get('memoryGiB')} GiB; {m.get('os')}, kernel {m.get('kernel')}; "
                   f"load average at start {' '.join(m.get('loadAverageAtStart') or [])}, at end "
                   f"{' '.join(first.get('loadAverageAtEnd') or [])}.")
        out.append(f"- libtorch {v.get('libtorch')}, BLAS: **{blas.get('active')}** (`{blas.get('libblasOfLibtorch')}`); "
                   f".NET SDK {v.get('dotnetSdk')}; gensim {v.get('gensim')} (Python {v.get('python')}); fastText {v.get('fasttext')}.")
        w2v = m.get("word2vecC") or {}
        if w2v.get("binary"):
            out.append(f"- word2vec.c: commit {w2v.get('commit') or 'unknown'} ({w2v.get('origin')}); "
                       + (f"built by `{w2v['build']}`" + (f" ({w2v['gcc']})" if w2v.get("gcc") else "")
                          if w2v.get("build") else f"binary `{w2v['binary']}`") + ".")
        out.append(f"- Command: `{first['command']}`; raw runs: `{first['runDir']}`.")
    return "\n".join(out) + "\n"


def main(argv):
    out_path = None
    if len(argv) > 2 and argv[1] == "--out":
        out_path, argv = argv[2], argv[:1] + argv[3:]
    if len(argv) < 2:
        sys.exit(__doc__)
    results = []
    for path in argv[1:]:
        with open(path) as f:
            results.append(json.load(f))
    md = render(results)
    if out_path:
        with open(out_path, "w") as f:
            f.write(md)
    sys.stdout.write(md)


if __name__ == "__main__":
    main(sys.argv)
