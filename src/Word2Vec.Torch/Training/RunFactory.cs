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
    /// <param name="corpusPath">The corpus file or folder, already located.</param>
    public static TrainingRun Create(TrainingOptions o, string corpusPath)
    {
        ArgumentNullException.ThrowIfNull(o);
        OptionsValidator.ThrowIfInvalid(o);
        var device = DeviceSelection.Resolve(o.Device);
        var dtype = DeviceSelection.ResolveDtype(o.Dtype);
        if (o.Threads > 0) torch.set_num_threads(o.Threads);

        var loss = OutputLossOf(o.Loss);
        var combine = o.Model.Architecture == Architecture.Cbow ? o.Model.CbowCombine : ContextCombine.Sum;
        var cbow = o.Model.Architecture == Architecture.Cbow;
        var architecture = new Word2VecArchitecture(combine, loss.Tensor);
        var rng = new RandomSource((ulong)o.Seed);
        const string lowerTheRate = "Lower schedule.learningRate.";

        IBatchSource<TrainingBatch> hostSource;
        Vocabulary vocabulary;
        string description;
        if (o.Corpus.Format == CorpusFormat.Sst)
        {
            var sst = SstCorpus.Load(corpusPath);
            vocabulary = sst.Vocabulary;
            hostSource = new Cs224nBatchSource(sst, o.Model.Window, o.Training.WindowsPerStep, loss.Negatives, cbow, rng);
            description = $"SST (CS224N reading) from {sst.SourcePath}: {sst.Sentences.Count:N0} sentences, " +
                          $"{sst.TokenCount:N0} tokens, {sst.Vocabulary.Count:N0} words including UNK";
        }
        else
        {
            var text = TextCorpus.Load(corpusPath, o.Corpus.MinCount, o.Corpus.MaxVocab);
            vocabulary = text.Vocabulary;
            description = $"text corpus {corpusPath}: {text.TokenCount:N0} tokens kept, {text.Vocabulary.Count:N0} words with count >= {o.Corpus.MinCount}";
            if (o.Training.Engine == EngineKind.Device)
            {
                var onDevice = new DeviceCorpus(text, o.Corpus.Sample, device);
                var deviceSource = new DeviceBatchSource(onDevice, o.Model.Window, o.Loss.Negatives, o.Training.ChunkWords, o.Training.Epochs, o.Seed, dtype);
                return new TrainingRun<DeviceBatch>(o, vocabulary, description, device, dtype, deviceSource,
                    embeddings => new DeviceEngine(embeddings, architecture, o.Training.RowUpdateCap),
                    "Lower schedule.learningRate or set training.rowUpdateCap.", deviceSource, onDevice);
            }
            hostSource = new EpochBatchSource(
                new TextBatchSource(text, o.Model.Window, loss.Negatives, cbow, o.Corpus.Sample, o.Training.BatchSize, rng), o.Training.Epochs);
        }

        switch (o.Training.Engine)
        {
            case EngineKind.Tensor or EngineKind.TensorAutograd:
                return new TrainingRun<TrainingBatch>(o, vocabulary, description, device, dtype, hostSource,
                    embeddings => new TensorEngine(embeddings, architecture, autograd: o.Training.Engine == EngineKind.TensorAutograd), lowerTheRate);
            case EngineKind.Cpu or EngineKind.CpuBatched:
                // The batches come from a producer thread that runs a batch or two ahead; its state is
                // still the state after the last batch handed out (exact resume).
                var prefetch = new PrefetchingBatchSource(hostSource);
                var threads = o.Threads > 0 ? o.Threads : Environment.ProcessorCount;
                var update = o.Training.Engine == EngineKind.CpuBatched ? CpuUpdate.Batched : CpuUpdate.Sequential;
                return new TrainingRun<TrainingBatch>(o, vocabulary, description, device, dtype, prefetch,
                    embeddings => new CpuEngine(embeddings, combine, loss.Kernel, threads, update), lowerTheRate, prefetch);
            default:   // device with a text corpus returned above; with SST the validator refused it
                throw new ArgumentOutOfRangeException(nameof(o), o.Training.Engine, "unknown training.engine");
        }
    }

    /// <summary>loss.type as each engine spells it: the tensor loss, the cpu kernel's, and K for the batch sources (0: none).</summary>
    private static (IOutputLoss Tensor, OutputLoss Kernel, int Negatives) OutputLossOf(LossOptions loss) => loss.Type switch
    {
        LossKind.NegativeSampling => (new NegativeSamplingLoss(), OutputLoss.NegativeSampling, loss.Negatives),
        LossKind.NaiveSoftmax => (new NaiveSoftmaxLoss(), OutputLoss.NaiveSoftmax, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss.Type, "unknown loss.type"),
    };
}
