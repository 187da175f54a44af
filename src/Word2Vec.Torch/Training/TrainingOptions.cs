using Word2Vec.Torch.Objective;

namespace Word2Vec.Torch.Training;

// The run's configuration, as JSON files in configs/ spell it (sections = properties of
// TrainingOptions, keys = camelCase property names). OptionsValidator checks it; the CLI binds
// it from JSON. Defaults are the CS224N assignment's run.

public sealed class TrainingOptions
{
    public CorpusOptions Corpus { get; set; } = new();
    public ModelOptions Model { get; set; } = new();
    public LossOptions Loss { get; set; } = new();
    public RunOptions Training { get; set; } = new();
    public ScheduleOptions Schedule { get; set; } = new();
    public ProgressOptions Progress { get; set; } = new();
    public CheckpointOptions Checkpoints { get; set; } = new();
    public OutputOptions Output { get; set; } = new();

    /// <summary>cpu, cuda, cuda:N or auto (cuda when available).</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>float32 or float64.</summary>
    public string Dtype { get; set; } = "float32";

    /// <summary>libtorch intra-op threads (1 is fastest for small steps on a shared 2-core machine); with
    /// training.engine = cpu or cpuBatched also the engine's workers (0: one per core). The cpu engine's
    /// sequential updates are bit-reproducible with 1 thread only.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Seeds every generator of the run (initialisation, sampling, the engines' workers): the same seed,
    /// config and device give the same numbers.</summary>
    public long Seed { get; set; } = 31415;

    /// <summary>Run the evaluation suite on the vectors when training ends.</summary>
    public bool Evaluate { get; set; }

    /// <summary>
    /// word2vec.c's defaults for a text corpus (the training settings of configs/text8-sgns.json, not its
    /// output folder, checkpoint interval or evaluation, which stay the defaults): skip-gram,
    /// d = 100, window 5, K = 5 negatives, min count 5, sample 1e-3, one epoch of batches of 1,024
    /// pairs, lr 0.025 decaying linearly, the per-pair losses summed, float32, 2 threads.
    /// </summary>
    /// <param name="corpusPath">corpus.path (none for sentences in memory, <see cref="Word2VecTrainer"/>).</param>
    public static TrainingOptions ForText(string corpusPath = "")
    {
        var o = new TrainingOptions { Device = "auto", Dtype = "float32", Threads = 2, Seed = 1 };
        o.Corpus.Format = CorpusFormat.Text;
        o.Corpus.Path = corpusPath;
        o.Corpus.MinCount = 5;
        o.Corpus.Sample = 1e-3;
        o.Model.Dimension = 100;
        o.Model.Window = 5;
        o.Loss.Negatives = 5;
        o.Training.Steps = 0;
        o.Training.Epochs = 1;
        o.Training.BatchSize = 1024;
        o.Training.Reduction = LossReduction.Sum;
        o.Schedule.LearningRate = 0.025;
        o.Schedule.Type = ScheduleKind.Linear;
        o.Schedule.MinLearningRate = 1e-4;
        o.Progress.PrintEvery = 100;
        return o;
    }
}

public enum CorpusFormat { Sst, Text }

public sealed class CorpusOptions
{
    /// <summary>sst: the Stanford Sentiment Treebank read as the CS224N assignment does; text: plain text (text8-style or one sentence per line, .gz or .zip allowed).</summary>
    public CorpusFormat Format { get; set; } = CorpusFormat.Sst;

    /// <summary>A file or folder (text: or a glob such as corpus/*.txt.gz, every file read in name order); a relative
    /// path is taken from the working directory if it is there, else looked up in the data folders. sst: the
    /// default "sst" is the release wherever a data folder has it (downloaded when none does); text: required.</summary>
    public string Path { get; set; } = DefaultSstPath;

    /// <summary>corpus.path's default: the SST release's folder in a data folder (downloaded when none has it).</summary>
    public const string DefaultSstPath = "sst";

    /// <summary>The data folder; empty: $W2V_DATA, then ./data, then ../shared/data.</summary>
    public string? DataDir { get; set; }

    /// <summary>text: words seen fewer times are dropped.</summary>
    public int MinCount { get; set; } = 5;

    /// <summary>text: keep at most this many words (0: no limit).</summary>
    public int MaxVocab { get; set; }

    /// <summary>text: the most distinct words the count holds at once (word2vec.c's ReduceVocab,
    /// gensim's max_vocab_size; 0: no bound): past it the rarest are dropped and the floor raised.</summary>
    public int MaxVocabDuringCounting { get; set; }

    /// <summary>text: where the corpus's id file is kept and reused; empty: $W2V_CACHE, else
    /// $XDG_CACHE_HOME/word2vec-torch, else ~/.cache/word2vec-torch; "off": the ids stay in memory and nothing is written.</summary>
    public string? CacheDir { get; set; }

    /// <summary>text: word2vec.c's subsampling threshold t (0 disables).</summary>
    public double Sample { get; set; } = 1e-3;
}

public enum Architecture { SkipGram, Cbow }

public sealed class ModelOptions
{
    /// <summary>skipGram: each (centre, outside word) pair an example; cbow: a window's context predicts its centre.</summary>
    public Architecture Architecture { get; set; } = Architecture.SkipGram;

    /// <summary>d, the length of every word vector (the assignment: 10; word2vec.c: 100).</summary>
    public int Dimension { get; set; } = 10;

    /// <summary>The context size C: windows of random size 1..C on each side.</summary>
    public int Window { get; set; } = 5;

    /// <summary>CBOW: combine the context vectors by sum or mean.</summary>
    public ContextCombine CbowCombine { get; set; } = ContextCombine.Mean;
}

/// <summary>
/// The output loss: negativeSampling (K samples), naiveSoftmax (over every word),
/// hierarchicalSoftmax (word2vec.c's -hs 1 -negative 0, over the Huffman tree's path) or
/// hierarchicalSoftmaxAndNegativeSampling (-hs 1 -negative K: both, summed).
/// </summary>
public enum LossKind { NegativeSampling, NaiveSoftmax, HierarchicalSoftmax, HierarchicalSoftmaxAndNegativeSampling }

public sealed class LossOptions
{
    public LossKind Type { get; set; } = LossKind.NegativeSampling;

    /// <summary>K, the negative samples per example (negative sampling only).</summary>
    public int Negatives { get; set; } = 10;

    /// <summary>Skip-gram with negative sampling on the tensor engines: one draw of K negatives per
    /// window, shared by the window's pairs (<see cref="Objective.SharedNegativesSkipGram"/>, HogBatch),
    /// instead of K per pair. false: word2vec.c's K per pair.</summary>
    public bool ShareNegatives { get; set; }

    /// <summary>Whether the loss draws K negatives.</summary>
    public bool UsesNegatives => Type is LossKind.NegativeSampling or LossKind.HierarchicalSoftmaxAndNegativeSampling;

    /// <summary>Whether the loss walks the Huffman tree.</summary>
    public bool UsesTree => Type is LossKind.HierarchicalSoftmax or LossKind.HierarchicalSoftmaxAndNegativeSampling;

    /// <summary>R, the output matrix's rows for <paramref name="vocabSize"/> words: one outside vector a
    /// word (V), the tree's inner nodes (V − 1), or both (2V − 1, the outside vectors first).</summary>
    public long OutputRows(long vocabSize) => Type switch
    {
        LossKind.HierarchicalSoftmax => vocabSize - 1,
        LossKind.HierarchicalSoftmaxAndNegativeSampling => 2 * vocabSize - 1,
        _ => vocabSize,
    };
}

/// <summary>
/// Where and how a step runs (training.engine), one value for every valid combination:
/// tensor: libtorch ops on host-built batches with the hand-derived gradients (the reference; any device);
/// tensorAutograd: the same step on autograd's gradients (for comparison);
/// cpu: the managed SIMD engine, word2vec.c's per-example updates (Hogwild over threads);
/// cpuBatched: the managed engine doing the tensor engine's batched step (equal to it, deterministic);
/// device: the device-resident pipeline, batches sampled on the device (text, skip-gram, negative sampling).
/// </summary>
public enum EngineKind { Tensor, TensorAutograd, Cpu, CpuBatched, Device }

public enum LossReduction { MeanOverWindows, Sum }

public sealed class RunOptions
{
    /// <summary>SGD steps. 0: run by epochs (text corpora).</summary>
    public long Steps { get; set; } = 40000;

    /// <summary>Passes over the corpus (text).</summary>
    public int Epochs { get; set; } = 1;

    /// <summary>sst: context windows per SGD step (the assignment's batch of 50).</summary>
    public int WindowsPerStep { get; set; } = 50;

    /// <summary>text: examples ((centre, outside) pairs, or CBOW windows) per step.</summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>meanOverWindows: the assignment's batch mean over windows; sum: word2vec.c's per-pair steps, summed.</summary>
    public LossReduction Reduction { get; set; } = LossReduction.MeanOverWindows;

    public EngineKind Engine { get; set; } = EngineKind.Tensor;

    /// <summary>device engine: corpus positions per step; the pairs of one chunk are one batch.</summary>
    public int ChunkWords { get; set; } = 65536;

    /// <summary>tensor and device engines: within one step, a row's summed update counts at most this many
    /// contributions at the full rate, θ_r −= lr·min(1, cap/n_r)·Σ g (0: no cap, plain summed SGD). Large
    /// batches need it for the rows every example touches (frequent words; hierarchical softmax's root).</summary>
    public double RowUpdateCap { get; set; }

    /// <summary>cpu engine on several threads: how many of the most used output rows (counted in the first batch: the
    /// frequent words' and, with hierarchical softmax, the top of the tree) each worker updates in its own copy during a step, their changes added to the shared rows when the step ends
    /// (0: none, every row shared, Hogwild as word2vec.c). The copies keep those rows' cache lines from moving
    /// between cores; they also change the result: a worker sees the other workers' updates of a hot row only at
    /// the step's end (README, Quality over seeds).</summary>
    public int HotRows { get; set; } = Engines.Cpu.CpuEngine.DefaultHotRows;
}

public enum ScheduleKind { Step, Linear }

public sealed class ScheduleOptions
{
    /// <summary>lr₀, the starting learning rate (the assignment: 0.3; word2vec.c: 0.025 for skip-gram).</summary>
    public double LearningRate { get; set; } = 0.3;

    /// <summary>step: lr·factor^(step / annealEvery), as the assignment; linear: word2vec.c's decay to minLearningRate·lr.</summary>
    public ScheduleKind Type { get; set; } = ScheduleKind.Step;

    /// <summary>step: the rate is multiplied by annealFactor after every this many steps.</summary>
    public long AnnealEvery { get; set; } = 20000;

    /// <summary>step: the factor, in (0, 1].</summary>
    public double AnnealFactor { get; set; } = 0.5;

    /// <summary>linear: the floor, as a fraction of the starting rate (word2vec.c: 1e-4).</summary>
    public double MinLearningRate { get; set; } = 1e-4;
}

public sealed class ProgressOptions
{
    /// <summary>Report (and update the smoothed loss) every this many steps.</summary>
    public int PrintEvery { get; set; } = 10;

    /// <summary>The smoothed loss: s ← smoothing·s + (1 − smoothing)·loss on report steps.</summary>
    public double Smoothing { get; set; } = 0.95;

    /// <summary>The run stops, as for a NaN loss, once the smoothed loss exceeds this many times its
    /// first value (a learning rate too high for the data); 0: never.</summary>
    public double DivergenceFactor { get; set; } = 10;
}

public sealed class CheckpointOptions
{
    /// <summary>Write a checkpoint every this many steps (0: only at the end).</summary>
    public long Every { get; set; } = 5000;

    /// <summary>Checkpoints kept in the output folder (the newest ones).</summary>
    public int Keep { get; set; } = 2;

    /// <summary>Resume from the newest checkpoint in the output folder.</summary>
    public bool Resume { get; set; } = true;
}

public enum VectorsKind { Center, CenterPlusOutside, CenterConcatOutside }

public sealed class OutputOptions
{
    /// <summary>The run's folder: outputs, checkpoints and the lock (one run at a time).</summary>
    public string Dir { get; set; } = "out/sst-cs224n";

    /// <summary>Write vectors.txt (word2vec's text format).</summary>
    public bool Text { get; set; } = true;

    /// <summary>Write vectors.bin (word2vec's binary format).</summary>
    public bool Binary { get; set; } = true;

    /// <summary>center: the centre vectors v (the default); centerPlusOutside: v + u; centerConcatOutside:
    /// [v; u], 2d wide (the 2017 assignment's sentiment features). The last two need an outside vector a
    /// word (every loss but pure hierarchical softmax).</summary>
    public VectorsKind Vectors { get; set; } = VectorsKind.Center;

    /// <summary>Write loss.svg and word_vectors.svg (the assignment's PCA plot of its 24 words).</summary>
    public bool Plots { get; set; } = true;
}
