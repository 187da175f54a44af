using System.Globalization;
using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Math;
using Word2Vec.Torch.Math.Cpu;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The SGD loop: batches from an <see cref="IBatchSource"/>, a step with the chosen architecture
/// and loss, the learning-rate schedule, the smoothed loss, checkpoints and exact resume.
/// Same seed + config + device ⇒ the same numbers.
/// </summary>
public sealed class Trainer
{
    private readonly TrainingOptions _o;
    private readonly IProgressSink _progress;

    public Trainer(TrainingOptions options, IProgressSink? progress = null)
    {
        _o = options;
        _progress = progress ?? NullProgressSink.Instance;
    }

    /// <summary>Trains on a corpus opened by <see cref="TrainingData.Open"/>, with the pipeline the options name
    /// (training.pipeline: host batches from <see cref="TrainingData.Source"/>, or the device-resident pipeline).</summary>
    public TrainingResult Train(TrainingData data, string? checkpointDir, CancellationToken cancel = default)
    {
        if (_o.Training.Pipeline == PipelineKind.Device)
            return new DeviceTrainer(_o, _progress).Train(
                data.Text ?? throw new ArgumentException("training.pipeline = device needs the text corpus (TrainingData.Text)."), checkpointDir, cancel);
        return Train(data.Source ?? throw new ArgumentException("training.pipeline = host needs a batch source (TrainingData.Source)."),
            data.Vocabulary.Words, checkpointDir, cancel);
    }

    /// <param name="source">The batches; its state is saved in checkpoints.</param>
    /// <param name="words">The vocabulary, in id order (its hash guards resumes).</param>
    /// <param name="checkpointDir">Where checkpoints go (null: none are written or read).</param>
    public TrainingResult Train(IBatchSource source, IReadOnlyList<string> words, string? checkpointDir, CancellationToken cancel = default)
    {
        if (_o.Training.Engine == EngineKind.Cpu && _o.Device.Trim().StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"training.engine = cpu runs on the CPU only, but device is '{_o.Device}'. Set device to \"cpu\", or use training.engine = tensor on a GPU.");
        var device = DeviceSelection.Resolve(_o.Device);
        var dtype = DeviceSelection.ResolveDtype(_o.Dtype);
        if (_o.Threads > 0) torch.set_num_threads(_o.Threads);

        var t = _o.Training;
        IOutputLoss loss = _o.Loss.Type == LossKind.NaiveSoftmax ? new NaiveSoftmaxLoss() : new NegativeSamplingLoss();
        var combine = _o.Model.Architecture == Architecture.Cbow ? _o.Model.CbowCombine : ContextCombine.Sum;
        var architecture = new Word2VecArchitecture(combine, loss);
        var schedule = new LearningRateSchedule(t);
        var checkpoints = new RunCheckpoints(_o, checkpointDir, words, dtype);

        // Fresh start or resume.
        var (model, state) = checkpoints.Start(device, dtype, out var resumedPath);
        if (resumedPath is not null)
        {
            source.SetState(state.BatchSourceState);
            _progress.Message($"resumed from {resumedPath} at step {state.Step}");
        }
        var run = new RunProgress(t, _progress, state);
        using var engine = CreateEngine(model, architecture, device, dtype);
        // The CPU engine's batches come from a producer thread that runs a batch or two ahead;
        // its state is still the state after the last batch handed out (exact resume).
        using var prefetch = t.Engine == EngineKind.Cpu ? new PrefetchingBatchSource(source) : null;
        if (prefetch is not null) source = prefetch;

        var batch = new TrainingBatch();
        long stepNo = state.Step, wordsDone = state.WordsProcessed;
        var fixedSteps = t.Steps > 0;

        void SaveCheckpoint()
        {
            run.Fill(state, stepNo, wordsDone, source.GetState());
            checkpoints.Save(state, engine.ExportModel);
        }

        while (!fixedSteps || stepNo < t.Steps)
        {
            if (cancel.IsCancellationRequested)
            {
                SaveCheckpoint();
                throw new OperationCanceledException($"training stopped at step {stepNo}; a checkpoint was written, run again to resume.");
            }
            if (!source.NextBatch(batch)) break;
            stepNo++;
            wordsDone = batch.WordsProcessed;
            run.CountExamples(batch.Count);
            var progress = source.TotalWords > 0 ? (double)batch.WordsProcessed / source.TotalWords : 0;
            var lr = schedule.At(stepNo, progress);
            // meanOverWindows: J = (1/windows) Σ window losses, so each gradient is scaled by 1/windows.
            var perExampleScale = t.Reduction == LossReduction.MeanOverWindows ? 1.0 / System.Math.Max(1, batch.Windows) : 1.0;

            var report = run.IsReportStep(stepNo);
            var total = engine.Step(batch, lr * perExampleScale, report);
            if (report)
                run.Record(stepNo, t.Reduction == LossReduction.MeanOverWindows ? total * perExampleScale : total / batch.Count,
                    lr, wordsDone, source.TotalWords, "Lower training.learningRate.");

            if (t.CheckpointEvery > 0 && stepNo % t.CheckpointEvery == 0) SaveCheckpoint();
        }

        SaveCheckpoint();
        return run.Result(engine.ExportModel(), stepNo, wordsDone);
    }

    /// <summary>The managed CPU engine: threads = <see cref="TrainingOptions.Threads"/> (0: one per core).</summary>
    private ITrainingEngine CreateCpuEngine(EmbeddingModel model)
    {
        var combine = _o.Model.Architecture == Architecture.Cbow ? _o.Model.CbowCombine : ContextCombine.Sum;
        var loss = _o.Loss.Type == LossKind.NaiveSoftmax ? OutputLoss.NaiveSoftmax : OutputLoss.NegativeSampling;
        var threads = _o.Threads > 0 ? _o.Threads : Environment.ProcessorCount;
        return new CpuEngine(model, combine, loss, threads, _o.Training.CpuUpdate);
    }

    private ITrainingEngine CreateEngine(EmbeddingModel model, Word2VecArchitecture architecture, Device device, ScalarType dtype) =>
        _o.Training.Engine switch
        {
            EngineKind.Tensor => new TensorEngine(model, new SgdStep(architecture, _o.Training.Gradients, device, dtype)),
            EngineKind.Cpu => CreateCpuEngine(model),
            _ => throw new ArgumentOutOfRangeException(nameof(_o.Training.Engine), _o.Training.Engine, "unknown engine"),
        };

    internal static void CheckCompatible(string path, CheckpointState s, long vocabSize, int dimension, string dtype, string vocabHash,
        Dictionary<string, string> fingerprint, EmbeddingModel model)
    {
        var problems = new List<string>();
        if (s.VocabSize != vocabSize || s.VocabularyHash != vocabHash)
            problems.Add($"it was written for another vocabulary ({s.VocabSize} words, hash {s.VocabularyHash}; this run has {vocabSize} words, hash {vocabHash})");
        if (s.Dimension != dimension) problems.Add($"its dimension is {s.Dimension}, the config's model.dimension is {dimension}");
        if (s.Dtype != dtype) problems.Add($"its dtype is {s.Dtype}, the config's is {dtype}");
        foreach (var (key, value) in fingerprint)
            if (s.Fingerprint.TryGetValue(key, out var old) && old != value)
                problems.Add($"{key} was {old}, the config now says {value}");
        if (problems.Count > 0)
        {
            model.Dispose();
            throw new InvalidDataException(
                $"Refusing to resume from checkpoint '{path}': {string.Join("; ", problems)}. " +
                "Delete the checkpoint, choose another output.dir, or set training.resume to false.");
        }
    }

    /// <summary>The settings that shape the numbers a run produces (not steps, device, threads or outputs).</summary>
    internal static Dictionary<string, string> Fingerprint(TrainingOptions o)
    {
        string S(object v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        var t = o.Training;
        return new Dictionary<string, string>
        {
            ["corpus.format"] = S(o.Corpus.Format),
            ["corpus.path"] = Path.GetFileName(o.Corpus.Path.TrimEnd('/', '\\')),
            ["corpus.minCount"] = S(o.Corpus.MinCount),
            ["corpus.maxVocab"] = S(o.Corpus.MaxVocab),
            ["corpus.sample"] = S(o.Corpus.Sample),
            ["model.architecture"] = S(o.Model.Architecture),
            ["model.dimension"] = S(o.Model.Dimension),
            ["model.window"] = S(o.Model.Window),
            ["model.cbowCombine"] = S(o.Model.CbowCombine),
            ["loss.type"] = S(o.Loss.Type),
            ["loss.negatives"] = S(o.Loss.Negatives),
            ["training.epochs"] = S(t.Epochs),
            ["training.windowsPerStep"] = S(t.WindowsPerStep),
            ["training.batchSize"] = S(t.BatchSize),
            ["training.learningRate"] = S(t.LearningRate),
            ["training.schedule"] = S(t.Schedule),
            ["training.annealEvery"] = S(t.AnnealEvery),
            ["training.annealFactor"] = S(t.AnnealFactor),
            ["training.minLearningRate"] = S(t.MinLearningRate),
            ["training.reduction"] = S(t.Reduction),
            ["training.gradients"] = S(t.Gradients),
            ["training.engine"] = S(t.Engine),
            ["training.pipeline"] = S(t.Pipeline),
            ["training.chunkWords"] = S(t.ChunkWords),
            ["training.rowUpdateCap"] = S(t.RowUpdateCap),
            ["training.cpuUpdate"] = S(t.CpuUpdate),
            ["training.printEvery"] = S(t.PrintEvery),
            ["training.smoothing"] = S(t.Smoothing),
            ["dtype"] = S(o.Dtype),
            ["seed"] = S(o.Seed),
        };
    }
}
