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


# The CLI's LossKind values (matched as norm() writes them) -> their names here.
LOSSES = {name.lower(): name for name in
          ("negativeSampling", "naiveSoftmax", "hierarchicalSoftmax", "hierarchicalSoftmaxAndNegativeSampling")}
# The losses that draw K negatives (TrainingOptions' UsesNegatives) and those that walk the Huffman tree (UsesTree):
# word2vec.c's and gensim's -negative K and -hs 1.
USES_NEGATIVES = ("negativeSampling", "hierarchicalSoftmaxAndNegativeSampling")
USES_TREE = ("hierarchicalSoftmax", "hierarchicalSoftmaxAndNegativeSampling")


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
    loss_type = norm(get(cfg, "loss", "type"))
    if loss_type not in LOSSES:
        sys.exit(f"params.py: {config_path}: loss.type '{get(cfg, 'loss', 'type')}' is none of {', '.join(LOSSES.values())}")
    loss = LOSSES[loss_type]
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
        "negatives": int(get(cfg, "loss", "negatives")) if loss in USES_NEGATIVES else 0,
        "hs": 1 if loss in USES_TREE else 0,
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
        problems.append(f"corpus.format is {p['corpusFormat']}: gensim, fastText and word2vec.c need a plain text corpus (format text)")
    if p["schedule"] != "linear":
        problems.append(f"schedule.type is {p['schedule']}: the peers only have word2vec.c's linear decay")
    if p["maxVocab"]:
        problems.append("corpus.maxVocab is set: the peers have no such cap (fastText, gensim and word2vec.c use minCount only)")
    if abs(float(get(cfg, "schedule", "minlearningrate")) - 1e-4) > 1e-12:
        problems.append(f"schedule.minLearningRate is {float(get(cfg, 'schedule', 'minlearningrate')):g}: word2vec.c's floor is "
                        "always 1e-4 of the starting rate (gensim gets the config's floor)")
    if arch == "cbow" and p["cbowCombine"] == "sum":
        problems.append("model.cbowCombine is sum: word2vec.c and fastText always average the context (cbow_mean); "
                        "only gensim sums (cbow_mean=0)")
    p["problems"] = problems
    # The peers' runs depend only on these; configs that agree on them share the peers' runs.
    peer_keys = ["corpusPath", "dataDir", "minCount", "sample", "architecture", "cbowCombine", "dimension", "window", "loss",
                 "negatives", "hs", "epochs", "learningRate", "minLearningRate", "threads", "seed"]
    p["peerKey"] = json.dumps({k: p[k] for k in peer_keys}, sort_keys=True)
    return p


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(params(sys.argv[1]), indent=2))
