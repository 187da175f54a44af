using System.Diagnostics;
using System.Globalization;
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
        var smoothed = new SmoothedLoss(t.Smoothing);
        var words = corpus.Vocabulary.Words;
        var checkpoints = new RunCheckpoints(_o, checkpointDir, words, dtype);

        using var data = new DeviceCorpus(corpus, _o.Corpus.Sample, device);
        using var source = new DeviceBatchSource(data, _o.Model.Window, _o.Loss.Negatives, t.ChunkWords, t.Epochs, _o.Seed, dtype);
        var (model, state) = checkpoints.Start(device, dtype, out var resumedPath);
        using var engine = new DeviceEngine(model, new SgdStep(architecture, GradientMode.Manual, device, dtype), t.RowUpdateCap);
        if (resumedPath is not null)
        {
            source.SetState(state.BatchSourceState);
            smoothed.Restore(state.SmoothedLoss);
            _progress.Message($"resumed from {resumedPath} at step {state.Step}");
        }
        var resumedFrom = state.Step;
        var curve = state.LossCurve;

        var baseWall = state.WallSeconds;
        long stepNo = state.Step, wordsDone = state.WordsProcessed, words0 = state.WordsProcessed, examples = 0;
        double lastLoss = double.NaN;
        var fixedSteps = t.Steps > 0;
        var segment = Stopwatch.StartNew();

        void SaveCheckpoint()
        {
            state.Step = stepNo;
            state.WordsProcessed = wordsDone;
            state.SmoothedLoss = smoothed.Value;
            state.BatchSourceState = source.GetState();
            state.LossCurve = curve;
            state.WallSeconds = baseWall + segment.Elapsed.TotalSeconds;
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
            examples += batch.Count;
            var lr = schedule.At(stepNo, (double)wordsDone / source.TotalWords);

            var report = stepNo % t.PrintEvery == 0 || (fixedSteps && stepNo == t.Steps);
            var total = engine.Step(batch, lr, report);
            if (report)
            {
                lastLoss = total / batch.Count;
                if (!double.IsFinite(lastLoss))
                    throw new TrainingDivergedException(
                        $"the loss became {lastLoss.ToString(CultureInfo.InvariantCulture)} at step {stepNo} (learning rate {lr:G4}); the last good checkpoint is kept. " +
                        "Lower training.learningRate or set training.rowUpdateCap.");
                var s = smoothed.Update(lastLoss);
                curve.Add(new[] { stepNo, lastLoss, s });
                var secs = System.Math.Max(segment.Elapsed.TotalSeconds, 1e-9);
                var wps = (wordsDone - words0) / secs;
                TimeSpan? eta = fixedSteps
                    ? TimeSpan.FromSeconds(secs / System.Math.Max(1, stepNo - resumedFrom) * (t.Steps - stepNo))
                    : wps > 0 ? TimeSpan.FromSeconds((source.TotalWords - wordsDone) / wps) : null;
                _progress.Report(new TrainingProgress(stepNo, fixedSteps ? t.Steps : 0, lastLoss, s, lr, wordsDone, source.TotalWords,
                    wps, examples / secs, TimeSpan.FromSeconds(baseWall) + segment.Elapsed, eta));
            }

            if (t.CheckpointEvery > 0 && stepNo % t.CheckpointEvery == 0) SaveCheckpoint();
        }

        if (stepNo == resumedFrom && resumedFrom > 0) _progress.Message($"nothing left to do: the checkpoint is already at step {stepNo}");
        var segmentSeconds = System.Math.Max(segment.Elapsed.TotalSeconds, 1e-9);
        SaveCheckpoint();
        return new TrainingResult
        {
            Model = engine.ExportModel(),
            Steps = stepNo,
            FinalLoss = lastLoss,
            FinalSmoothedLoss = smoothed.Value,
            LossCurve = curve,
            WordsProcessed = wordsDone,
            WallSeconds = baseWall + segmentSeconds,
            WordsPerSecond = (wordsDone - words0) / segmentSeconds,
            ExamplesPerSecond = examples / segmentSeconds,
            ResumedFromStep = resumedFrom,
        };
    }
}
