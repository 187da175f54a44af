using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Engines.Cpu;
using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Engines.TensorOps;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The one place that turns options into a run: the corpus read as corpus.format says, the batch
/// source, the architecture and its output loss, and the engine that training.engine names. Every
/// choice between kinds (loss, architecture, engine) is made here, once; OptionsValidator has
/// already refused the combinations no engine can run.
/// </summary>
public static class RunFactory
{
    /// <param name="o">The run's options (validated here).</param>
    /// <param name="corpusPath">The corpus file, folder or glob, already located.</param>
    /// <param name="reading">A text corpus's reading, about twice a second (pass 1 counts, pass 2 encodes).</param>
    /// <param name="cancel">Stops a text corpus's reading (<see cref="OperationCanceledException"/>).</param>
    public static TrainingRun Create(TrainingOptions o, string corpusPath, IProgress<CorpusReadProgress>? reading = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        OptionsValidator.ThrowIfInvalid(o);
        var choices = new Choices(o);   // before the corpus's reading: a device that is not there is refused at once
        if (o.Threads > 0) torch.set_num_threads(o.Threads);
        if (o.Corpus.Format == CorpusFormat.Sst)
        {
            var sst = SstCorpus.Load(corpusPath);
            CheckSizes(o, corpusPath, sst.Vocabulary, sst.TokenCount, distinctWords: null);
            var source = new Cs224nBatchSource(sst, o.Model.Window, o.Training.WindowsPerStep, choices.Negatives, choices.Windows, choices.Rng);
            var description = $"SST (CS224N reading) from {sst.SourcePath}: {sst.Sentences.Count:N0} sentences, " +
                              $"{sst.TokenCount:N0} tokens, {sst.Vocabulary.Count:N0} words including UNK";
            return OnHost(o, choices, sst.Vocabulary, description, source, [], [], []);
        }
        var textOptions = TextOptionsOf(o.Corpus);
        // A file there is refused before any reading; one that cannot be written is the loader's to handle (it may still be read).
        if (textOptions.CacheDirectory is { } cacheDir) FolderLock.NearestFolder(cacheDir, "corpus.cacheDir");
        var notes = new List<string>();
        var text = TextCorpusLoader.Load(corpusPath, textOptions, reading, notes.Add, cancel);
        return ForText(o, choices, text, $"text corpus {corpusPath}", corpusPath, notes);
    }

    /// <summary>A run on a text corpus already encoded (<see cref="TextCorpusLoader.FromSentences"/>, say): corpus.format must be
    /// text; corpus.path and corpus.cacheDir are not used, and corpus.minCount and corpus.maxVocab were the encoding's to apply.</summary>
    public static TrainingRun Create(TrainingOptions o, TextCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(corpus);
        OptionsValidator.ThrowIfInvalid(o, corpusInMemory: true);
        var choices = new Choices(o);
        if (o.Threads > 0) torch.set_num_threads(o.Threads);
        return ForText(o, choices, corpus, "a corpus in memory", "the corpus in memory", []);
    }

    /// <summary>What every run derives from its options alone.</summary>
    private sealed class Choices(TrainingOptions o)
    {
        public readonly torch.Device Device = DeviceOf(o, torch.cuda.is_available);
        public readonly torch.ScalarType Dtype = DeviceSelection.ResolveDtype(o.Dtype);
        public readonly int Negatives = o.Loss.UsesNegatives ? o.Loss.Negatives : 0;
        public readonly ContextCombine Combine = o.Model.Architecture == Architecture.Cbow ? o.Model.CbowCombine : ContextCombine.Sum;
        // Shared negatives take whole windows, as CBOW's batches hold them (the context as inputs, the centre as target).
        public readonly bool Windows = o.Model.Architecture == Architecture.Cbow || o.Loss.ShareNegatives;
        public readonly RandomSource Rng = new((ulong)o.Seed);
    }

    // A changed rate is another run (the fingerprint): the kept checkpoint does not resume into it.
    private const string LowerTheRate = "Lower schedule.learningRate and train afresh (--no-resume).";

    /// <param name="description">What the corpus is, for the run's description ("text corpus PATH").</param>
    /// <param name="name">The corpus in errors and warnings (its path).</param>
    private static TrainingRun ForText(TrainingOptions o, Choices choices, TextCorpus text, string description, string name, List<string> notes)
    {
        var vocabulary = text.Vocabulary;
        CheckSizes(o, name, vocabulary, text.TokenCount, text.Statistics?.DistinctWords);
        var warnings = new List<string>();
        if (text.Statistics is { InvalidUtf8: > 0 } read)
            warnings.Add($"{read.FirstInvalidUtf8File ?? name}: {read.InvalidUtf8:N0} byte sequence(s) are not valid UTF-8 (the first at byte {read.FirstInvalidUtf8Offset:N0}); " +
                         "they were read as U+FFFD, inside the words that hold them.");
        var files = text.Statistics is { Files: > 1 } many ? $" ({many.Files:N0} files)" : "";
        description = $"{description}{files}: {text.TokenCount:N0} tokens kept, {vocabulary.Count:N0} words with count >= {o.Corpus.MinCount}";
        if (o.Training.Engine == EngineKind.Device)
        {
            NativeAllocator.KeepFreedBlocks();   // each step's temporaries reuse the last step's memory
            var deviceLoss = OutputLossOf(o.Loss, vocabulary).Tensor;
            var architecture = new Word2VecArchitecture(choices.Combine, deviceLoss);
            var onDevice = new DeviceCorpus(text, o.Corpus.Sample, choices.Device);
            DeviceBatchSource deviceSource;
            try
            {
                deviceSource = new DeviceBatchSource(onDevice, o.Model.Window, o.Loss.Negatives, o.Training.ChunkWords, o.Training.Epochs, o.Seed, choices.Dtype);
            }
            catch
            {
                onDevice.Dispose();   // the corpus on the device, hundreds of MB
                throw;
            }
            return new TrainingRun<DeviceBatch>(o, vocabulary, description, choices.Device, choices.Dtype, deviceSource,
                embeddings => new DeviceEngine(embeddings, architecture, o.Training.RowUpdateCap),
                "Lower schedule.learningRate or set training.rowUpdateCap, and train afresh (--no-resume).", deviceSource, onDevice, deviceLoss) { Warnings = warnings, Notes = notes };
        }
        var textSource = new TextBatchSource(text, o.Model.Window, choices.Negatives, choices.Windows, o.Corpus.Sample, o.Training.BatchSize, choices.Rng);
        return OnHost(o, choices, vocabulary, description, new EpochBatchSource(textSource, o.Training.Epochs), [textSource], warnings, notes);
    }

    /// <summary>A run whose batches are made on the host: the tensor engines' or the cpu engines'.</summary>
    /// <param name="owned">What the run disposes besides its batch source and loss.</param>
    private static TrainingRun OnHost(TrainingOptions o, Choices choices, Vocabulary vocabulary, string description,
        IBatchSource<TrainingBatch> hostSource, IDisposable[] owned, List<string> warnings, List<string> notes)
    {
        var loss = OutputLossOf(o.Loss, vocabulary);
        switch (o.Training.Engine)
        {
            case EngineKind.Tensor or EngineKind.TensorAutograd:
            {
                IArchitecture architecture = o.Loss.ShareNegatives
                    ? new SharedNegativesSkipGram((NegativeSamplingLoss)loss.Tensor)
                    : new Word2VecArchitecture(choices.Combine, loss.Tensor);
                NativeAllocator.KeepFreedBlocks();   // each step's temporaries reuse the last step's memory
                var parts = StepParts(o, choices.Device);
                // As for the cpu engine: batch n + 1 is made while batch n trains (same batches, same state).
                var prefetch = new PrefetchingBatchSource(hostSource);
                return new TrainingRun<TrainingBatch>(o, vocabulary, description, choices.Device, choices.Dtype, prefetch,
                    embeddings => new TensorEngine(embeddings, architecture, autograd: o.Training.Engine == EngineKind.TensorAutograd, o.Training.RowUpdateCap, parts), LowerTheRate,
                    [prefetch, ..owned, loss.Tensor]) { Warnings = warnings, Notes = notes };
            }
            case EngineKind.Cpu or EngineKind.CpuBatched:
            {
                // The batches come from a producer thread that runs a batch or two ahead; its state is
                // still the state after the last batch handed out (exact resume).
                NativeAllocator.ReturnLargeBlocks();   // its steps allocate no native memory: let the start's and checkpoints' blocks go
                var prefetch = new PrefetchingBatchSource(hostSource);
                var threads = o.Threads > 0 ? o.Threads : Environment.ProcessorCount;
                var update = o.Training.Engine == EngineKind.CpuBatched ? CpuUpdate.Batched : CpuUpdate.Sequential;
                return new TrainingRun<TrainingBatch>(o, vocabulary, description, choices.Device, choices.Dtype, prefetch,
                    embeddings => new CpuEngine(embeddings, choices.Combine, loss.Kernel, threads, update, o.Training.HotRows, loss.Tree), LowerTheRate,
                    [prefetch, ..owned, loss.Tensor]) { Warnings = warnings, Notes = notes };
            }
            default:   // device with a text corpus is ForText's; with SST the validator refused it
                throw new ArgumentOutOfRangeException(nameof(o), o.Training.Engine, "unknown training.engine");
        }
    }

    /// <summary>The run's device. The cpu engines keep their parameters in managed memory: for them `auto` is the
    /// CPU even where a GPU is visible (the validator has refused cuda with them).</summary>
    internal static torch.Device DeviceOf(TrainingOptions o, Func<bool> cudaAvailable) =>
        o.Training.Engine is EngineKind.Cpu or EngineKind.CpuBatched
            ? new torch.Device(DeviceType.CPU)
            : DeviceSelection.Resolve(o.Device, cudaAvailable);

    /// <summary>
    /// How many threads share a tensor step on the CPU (<see cref="SgdStep.Apply"/>'s parts): threads (≥ 2)
    /// for the sparse losses, each part's libtorch calls then on one thread; their ops are small (a few
    /// hundred KB), and libtorch's intra-op threads made a step slower, not faster. Naive softmax's matrix
    /// products are large: they keep libtorch's threads (1 part). On CUDA one part: the device is the parallel part.
    /// </summary>
    private static int StepParts(TrainingOptions o, torch.Device device)
    {
        if (o.Training.Engine != EngineKind.Tensor || device.type != DeviceType.CPU || o.Threads < 2 || o.Loss.Type == LossKind.NaiveSoftmax)
            return 1;
        torch.set_num_threads(1);
        return o.Threads;
    }

    /// <summary>corpus.* as the text loader takes it; corpus.cacheDir resolved (empty: the default folder, "off": none).</summary>
    public static TextCorpusOptions TextOptionsOf(CorpusOptions c) => new()
    {
        MinCount = c.MinCount,
        MaxVocab = c.MaxVocab,
        MaxVocabDuringCounting = c.MaxVocabDuringCounting,
        CacheDirectory = string.IsNullOrWhiteSpace(c.CacheDir) ? CorpusCache.DefaultDirectory()
            : string.Equals(c.CacheDir.Trim(), "off", StringComparison.OrdinalIgnoreCase) ? null : c.CacheDir,
    };

    /// <summary>What needs the corpus to be checked: at least two words, and sizes that fit in memory.</summary>
    /// <param name="distinctWords">The corpus's distinct words before corpus.minCount and maxVocab (null: not counted).</param>
    private static void CheckSizes(TrainingOptions o, string corpusPath, Vocabulary vocabulary, long tokens, int? distinctWords)
    {
        if (vocabulary.Count < 2)
        {
            // Only the remedies that can help: a minCount above 1 or a maxVocab that cut words of a corpus that has two.
            var distinct = distinctWords ?? int.MaxValue;
            var remedies = new List<string>();
            if (o.Corpus.MinCount > 1 && distinct >= 2) remedies.Add("lower corpus.minCount");
            if (o.Corpus.MaxVocab > 0 && vocabulary.Count >= o.Corpus.MaxVocab && distinct > o.Corpus.MaxVocab) remedies.Add("raise corpus.maxVocab");
            remedies.Add("use a larger corpus");
            throw new InvalidDataException(
                $"{corpusPath}: the vocabulary has {vocabulary.Count} word(s) (corpus.minCount = {o.Corpus.MinCount}, corpus.maxVocab = {o.Corpus.MaxVocab}); " +
                $"word2vec needs at least two: {string.Join(", or ", remedies)}.");
        }
        var problems = MemoryBudget.Problems(o, vocabulary.Count, tokens, MemoryBudget.Limit).ToList();
        if (problems.Count > 0) throw new InvalidOptionsException(problems);
    }

    /// <summary>loss.type as each engine spells it: the tensor loss, the cpu kernel's, K for the batch
    /// sources (0: none) and the Huffman tree of the vocabulary's counts (null: not used).</summary>
    private static (IOutputLoss Tensor, OutputLoss Kernel, int Negatives, HuffmanTree? Tree) OutputLossOf(LossOptions loss, Vocabulary vocabulary)
    {
        var tree = loss.UsesTree ? new HuffmanTree(vocabulary.Counts) : null;
        return loss.Type switch
        {
            LossKind.NegativeSampling => (new NegativeSamplingLoss(), OutputLoss.NegativeSampling, loss.Negatives, tree),
            LossKind.NaiveSoftmax => (new NaiveSoftmaxLoss(), OutputLoss.NaiveSoftmax, 0, tree),
            LossKind.HierarchicalSoftmax => (new HierarchicalSoftmaxLoss(tree!), OutputLoss.HierarchicalSoftmax, 0, tree),
            // word2vec.c's -hs 1 -negative K: the outside vectors in rows 0..V−1, the nodes after them.
            LossKind.HierarchicalSoftmaxAndNegativeSampling => (
                new SumOfLosses(new HierarchicalSoftmaxLoss(tree!, nodeOffset: vocabulary.Count), new NegativeSamplingLoss(vocabulary.Count)),
                OutputLoss.HierarchicalSoftmaxAndNegativeSampling, loss.Negatives, tree),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss.Type, "unknown loss.type"),
        };
    }
}
