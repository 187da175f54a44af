#!/usr/bin/env python3
"""Side-by-side Markdown of several tools' evaluation.json files (written by `w2v eval`).

usage: compare_eval.py LABEL=PATH/evaluation.json [LABEL=PATH ...]
Prints analogy (semantic, syntactic, total; 3CosAdd and 3CosMul), word similarity (Spearman rho
per dataset) and SST sentiment (test accuracy per task and classifier), one column per tool.
"""
import json
import sys


def load(arg):
    label, _, path = arg.partition("=")
    with open(path, encoding="utf-8") as f:
        return label, json.load(f)


def analogy_rows(reports):
    rows = []
    for method, name in (("cosAdd", "3CosAdd"), ("cosMul", "3CosMul")):
        for part in ("semantic", "syntactic", "total"):
            cells = []
            for _, r in reports:
                a = next((x for x in r["analogy"] if x["method"] == method), None)
                cells.append("–" if a is None else f"{100 * a[part]['accuracy']:.2f} %")
            rows.append((f"analogy {name}, {part}", cells))
    return rows


def similarity_rows(reports):
    names = [s["dataset"] for s in reports[0][1]["similarity"]]
    rows = []
    for n in names:
        cells = []
        for _, r in reports:
            s = next((x for x in r["similarity"] if x["dataset"] == n), None)
            cells.append("–" if s is None else f"{s['spearman']:.3f} ({100 * s['coverage']:.0f} %)")
        rows.append((f"{n} ρ (coverage)", cells))
    return rows


def sentiment_rows(reports):
    first = reports[0][1].get("sentiment") or {"results": []}
    rows = []
    for res in first["results"]:
        cells = []
        for _, r in reports:
            s = next((x for x in (r.get("sentiment") or {"results": []})["results"]
                      if x["task"] == res["task"] and x["classifier"] == res["classifier"]), None)
            cells.append("–" if s is None else f"{100 * s['testAccuracy']:.2f} %")
        task = "5-class" if res["task"] == "fiveClass" else "binary"
        rows.append((f"SST {task}, {res['classifier']}, test", cells))
    return rows


def main(args):
    if not args:
        sys.exit(__doc__)
    reports = [load(a) for a in args]
    print("| | " + " | ".join(label for label, _ in reports) + " |")
    print("|---|" + "---:|" * len(reports))
    for name, cells in analogy_rows(reports) + similarity_rows(reports) + sentiment_rows(reports):
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
