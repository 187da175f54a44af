#!/usr/bin/env python3
"""Train gensim's Word2Vec with the benchmark's hyperparameters and time its phases.

Usage: gensim_train.py PARAMS.json CORPUS OUT_DIR
       gensim_train.py --prepare CORPUS      (writes CORPUS.lines, see below)
Writes OUT_DIR/vectors.bin (word2vec binary format) and OUT_DIR/gensim.json: the seconds spent
building the vocabulary and training (model.train only), the corpus tokens kept after min-count
(the sum of the kept words' counts), gensim's own raw/effective word counts, and its version.

gensim's corpus_file mode reads a file line by line, and a text8-style corpus is ONE line of
10^8 bytes: gensim then trains on a few thousand words only (seen here: 40,000 of 16.9M). So the
corpus is first rewritten with a line break every 1000 words (word2vec.c's MAX_SENTENCE_LENGTH,
which our trainer and fastText's reader also cut at), as CORPUS.lines, and gensim reads that.
The "rawWords" figure in gensim.json shows how many words gensim really read.

gensim's corpus_file mode decays the learning rate of each of its W workers by that worker's own
sentence count over total_examples (word2vec_corpusfile.pyx, get_next_alpha), while each worker
reads only 1/W of the file: given the corpus's sentence count, its rate stops short of min_alpha
(with 2 workers and one epoch 0.025 falls to about 0.0125; after E epochs to about 0.025 / 2E), a
schedule no other tool follows. So
train() is given total_examples = corpus_count / W, with which every worker's rate falls from
alpha to min_alpha over its part, as the other tools' does over the corpus. gensim.json records
both counts. (Five seeds of one epoch of text8-sgns-cpu here: the old rate gave MEN ρ 0.441 and
WordSim-353 0.499, the whole decay 0.377 and 0.466, word2vec.c's level; README, Quality over seeds.)
"""
import json
import logging
import os
import sys
import time


WORDS_PER_LINE = 1000


def line_broken(corpus):
    """CORPUS.lines: the same words, WORDS_PER_LINE to a line (made once, streamed)."""
    target = corpus + ".lines"
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(corpus):
        return target
    tmp = target + ".tmp"
    with open(corpus, encoding="utf-8", errors="replace") as src, open(tmp, "w", encoding="utf-8") as dst:
        pending = []
        tail = ""
        while True:
            chunk = src.read(1 << 22)
            if not chunk:
                break
            words = (tail + chunk).split()
            # The last piece may be a word cut by the chunk boundary: keep it for the next chunk.
            tail = words.pop() if words and not chunk[-1].isspace() else ""
            pending.extend(words)
            while len(pending) >= WORDS_PER_LINE:
                dst.write(" ".join(pending[:WORDS_PER_LINE]) + "\n")
                del pending[:WORDS_PER_LINE]
        if tail:
            pending.append(tail)
        while pending:
            dst.write(" ".join(pending[:WORDS_PER_LINE]) + "\n")
            del pending[:WORDS_PER_LINE]
    os.replace(tmp, target)
    return target


def main():
    if sys.argv[1] == "--prepare":
        print(line_broken(sys.argv[2]))
        return
    params_path, corpus, out_dir = sys.argv[1:4]
    corpus = line_broken(corpus)
    with open(params_path) as f:
        p = json.load(f)
    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.INFO, stream=sys.stdout)

    t0 = time.perf_counter()
    import gensim
    from gensim.models import Word2Vec
    from gensim.models.word2vec import FAST_VERSION
    if FAST_VERSION < 0:
        sys.exit("gensim has no compiled (Cython) training routines; timing it would be meaningless")
    t_import = time.perf_counter() - t0

    model = Word2Vec(
        sg=1 if p["architecture"] == "skipGram" else 0,
        cbow_mean=1 if p.get("cbowCombine", "mean") == "mean" else 0,
        # hierarchical softmax (hs=1, negative=0), negative sampling (hs=0, negative=K) or both (hs=1, negative=K);
        # bench.sh does not run gensim for naive softmax, which it lacks.
        hs=p.get("hs", 0), negative=p["negatives"],
        window=p["window"], vector_size=p["dimension"], min_count=p["minCount"], sample=p["sample"],
        alpha=p["learningRate"], min_alpha=p["minLearningRate"], epochs=p["epochs"], workers=p["threads"],
        seed=p["seed"])
    t1 = time.perf_counter()
    model.build_vocab(corpus_file=corpus)
    t_vocab = time.perf_counter() - t1

    tokens = int(sum(model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key))
    t2 = time.perf_counter()
    examples_per_worker = max(1, model.corpus_count // model.workers)   # see the module's docstring
    effective, raw = model.train(corpus_file=corpus, total_examples=examples_per_worker, total_words=model.corpus_total_words,
                                 epochs=model.epochs)
    t_train = time.perf_counter() - t2

    t3 = time.perf_counter()
    model.wv.save_word2vec_format(os.path.join(out_dir, "vectors.bin"), binary=True)
    t_save = time.perf_counter() - t3

    result = {
        "gensim": gensim.__version__,
        "fastVersion": FAST_VERSION,
        "importSeconds": t_import,
        "vocabSeconds": t_vocab,
        "trainSeconds": t_train,
        "saveSeconds": t_save,
        "hs": model.hs,
        "negative": model.negative,
        "vocabSize": len(model.wv.index_to_key),
        "tokensKept": tokens,
        "epochs": model.epochs,
        "corpusTotalWords": int(model.corpus_total_words),
        "effectiveWords": int(effective),
        "rawWords": int(raw),
        "corpusSentences": int(model.corpus_count),
        "totalExamplesGiven": int(examples_per_worker),
        "workers": int(model.workers),
        "wordsPerSecond": tokens * model.epochs / t_train,
    }
    with open(os.path.join(out_dir, "gensim.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
