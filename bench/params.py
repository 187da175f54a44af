#!/usr/bin/env python3
"""Read a Word2Vec.Torch JSON config and print the hyperparameters every benchmarked tool gets.

Usage: params.py CONFIG            -> the parameters as JSON on stdout
Keys are matched case-insensitively, as the CLI's binder does; a key the config leaves out takes
the CLI's default (src/Word2Vec.Torch/Training/TrainingOptions.cs). Only the standard library.
"""
import json
import os
import sys

# TrainingOptions' defaults for the keys the benchmark uses.
DEFAULTS = {
    ("corpus", "format"): "sst", ("corpus", "path"): "sst", ("corpus", "datadir"): None,
    ("corpus", "mincount"): 5, ("corpus", "sample"): 1e-3, ("corpus", "maxvocab"): 0,
    ("model", "architecture"): "skipGram", ("model", "dimension"): 10, ("model", "window"): 5,
    ("model", "cbowcombine"): "mean",
    ("loss", "type"): "negativeSampling", ("loss", "negatives"): 10,
    ("training", "epochs"): 1, ("schedule", "learningrate"): 0.3, ("schedule", "type"): "step",
    ("schedule", "minlearningrate"): 1e-4, ("training", "batchsize"): 1024, ("training", "engine"): "tensor",
    ("device",): "cpu", ("dtype",): "float32", ("threads",): 1, ("seed",): 31415,
}


def lower_keys(x):
    if isinstance(x, dict):
        return {k.lower(): lower_keys(v) for k, v in x.items()}
    return x


def get(cfg, *path):
    node = cfg
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return DEFAULTS[path]
        node = node[key]
    return node


def norm(s):
    return str(s).strip().lower().replace("_", "").replace("-", "")


def params(config_path):
    with open(config_path) as f:
        cfg = lower_keys(json.load(f))
    arch = "cbow" if norm(get(cfg, "model", "architecture")) == "cbow" else "skipGram"
    loss = "naiveSoftmax" if norm(get(cfg, "loss", "type")) == "naivesoftmax" else "negativeSampling"
    lr = float(get(cfg, "schedule", "learningrate"))
    p = {
        "config": config_path,
        "name": os.path.splitext(os.path.basename(config_path))[0],
        "corpusFormat": norm(get(cfg, "corpus", "format")),
        "corpusPath": get(cfg, "corpus", "path"),
        "dataDir": get(cfg, "corpus", "datadir"),
        "minCount": int(get(cfg, "corpus", "mincount")),
        "maxVocab": int(get(cfg, "corpus", "maxvocab")),
        "sample": float(get(cfg, "corpus", "sample")),
        "architecture": arch,
        "cbowCombine": norm(get(cfg, "model", "cbowcombine")),
        "dimension": int(get(cfg, "model", "dimension")),
        "window": int(get(cfg, "model", "window")),
        "loss": loss,
        "negatives": int(get(cfg, "loss", "negatives")) if loss == "negativeSampling" else 0,
        "epochs": int(get(cfg, "training", "epochs")),
        "learningRate": lr,
        "schedule": norm(get(cfg, "schedule", "type")),
        # TrainingOptions: the floor is a fraction of the starting rate (word2vec.c); gensim wants it absolute.
        "minLearningRate": lr * float(get(cfg, "schedule", "minlearningrate")),
        "batchSize": int(get(cfg, "training", "batchsize")),
        "engine": norm(get(cfg, "training", "engine")),
        "device": str(get(cfg, "device")),
        "dtype": str(get(cfg, "dtype")),
        "threads": int(get(cfg, "threads")),
        "seed": int(get(cfg, "seed")),
    }
    if p["threads"] <= 0:
        p["threads"] = os.cpu_count() or 1
    problems = []
    if p["corpusFormat"] != "text":
        problems.append(f"corpus.format is {p['corpusFormat']}: gensim and fastText need a plain text corpus (format text)")
    if p["schedule"] != "linear":
        problems.append(f"schedule.type is {p['schedule']}: the peers only have word2vec.c's linear decay")
    if p["maxVocab"]:
        problems.append("corpus.maxVocab is set: the peers have no such cap (fastText and gensim use minCount only)")
    p["problems"] = problems
    # The peers' runs depend only on these; configs that agree on them share the peers' runs.
    peer_keys = ["corpusPath", "dataDir", "minCount", "sample", "architecture", "cbowCombine", "dimension", "window", "loss",
                 "negatives", "epochs", "learningRate", "minLearningRate", "threads", "seed"]
    p["peerKey"] = json.dumps({k: p[k] for k in peer_keys}, sort_keys=True)
    return p


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(params(sys.argv[1]), indent=2))
