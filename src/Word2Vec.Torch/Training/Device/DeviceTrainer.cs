using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Math;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The SGD loop of training.pipeline = device: each step is one chunk of the corpus, sampled into
/// pairs by <see cref="DeviceBatchSource"/> and applied by <see cref="DeviceEngine"/>, all on the
/// device. The step reads nothing back from the device except the data-dependent sizes of the
/// sampling (two or three small syncs a chunk) and, on report steps, the loss. The schedule
/// (linear: on words processed), smoothed loss, checkpoints, exact resume and the result are the
/// host <see cref="Trainer"/>'s. Same seed + config + device ⇒ the same numbers.
/// </summary>
public sealed class DeviceTrainer
{
    private readonly TrainingOptions _o;
    private readonly IProgressSink _progress;

    public DeviceTrainer(TrainingOptions options, IProgressSink? progress = null)
    {
        _o = options;
        _progress = progress ?? NullProgressSink.Instance;
    }

    /// <param name="corpus">The encoded corpus; it is copied to the device.</param>
    /// <param name="checkpointDir">Where checkpoints go (null: none are written or read).</param>
    public TrainingResult Train(TextCorpus corpus, string? checkpointDir, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        DevicePipeline.ThrowIfUnsupported(_o);
        var device = DeviceSelection.Resolve(_o.Device);
        var dtype = DeviceSelection.ResolveDtype(_o.Dtype);
        if (_o.Threads > 0) torch.set_num_threads(_o.Threads);

        var t = _o.Training;
        var architecture = new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss());
        var schedule = new LearningRateSchedule(t);
        var words = corpus.Vocabulary.Words;
        var checkpoints = new RunCheckpoints(_o, checkpointDir, words, dtype);

        using var data = new DeviceCorpus(corpus, _o.Corpus.Sample, device);
        using var source = new DeviceBatchSource(data, _o.Model.Window, _o.Loss.Negatives, t.ChunkWords, t.Epochs, _o.Seed, dtype);
        var (model, state) = checkpoints.Start(device, dtype, out var resumedPath);
        using var engine = new DeviceEngine(model, new SgdStep(architecture, GradientMode.Manual, device, dtype), t.RowUpdateCap);
        if (resumedPath is not null)
        {
            source.SetState(state.BatchSourceState);
            _progress.Message($"resumed from {resumedPath} at step {state.Step}");
        }
        var run = new RunProgress(t, _progress, state);
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
            using var scope = torch.NewDisposeScope();   // the chunk's tensors go with the step
            var batch = source.Next();
            if (batch is null) break;
            stepNo++;
            wordsDone = batch.WordsProcessed;
            run.CountExamples(batch.Count);
            var lr = schedule.At(stepNo, (double)wordsDone / source.TotalWords);

            var report = run.IsReportStep(stepNo);
            var total = engine.Step(batch, lr, report);
            if (report)
                run.Record(stepNo, total / batch.Count, lr, wordsDone, source.TotalWords,
                    "Lower training.learningRate or set training.rowUpdateCap.");

            if (t.CheckpointEvery > 0 && stepNo % t.CheckpointEvery == 0) SaveCheckpoint();
        }

        SaveCheckpoint();
        return run.Result(engine.ExportModel(), stepNo, wordsDone);
    }
}
