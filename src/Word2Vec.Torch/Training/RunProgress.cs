using System.Diagnostics;
using System.Globalization;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Training.Checkpoints;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The training loop's bookkeeping: the smoothed loss and the loss curve (restored from a
/// checkpoint), the NaN check on reported losses, progress reports with words/s and ETA, what a
/// checkpoint records of them, and the run's result.
/// </summary>
internal sealed class RunProgress
{
    private readonly long _steps;
    private readonly int _printEvery;
    private readonly double _divergence;
    private readonly IProgressSink _sink;
    private readonly SmoothedLoss _smoothed;
    private readonly List<double[]> _curve;
    private readonly double _baseWall;
    private readonly long _words0;
    private readonly Stopwatch _segment = Stopwatch.StartNew();
    private long _examples;

    public RunProgress(TrainingOptions o, IProgressSink sink, CheckpointState state)
    {
        _steps = o.Training.Steps;
        _printEvery = o.Progress.PrintEvery;
        _divergence = o.Progress.DivergenceFactor;
        _sink = sink;
        _smoothed = new SmoothedLoss(o.Progress.Smoothing);
        _smoothed.Restore(state.SmoothedLoss);
        _curve = state.LossCurve;
        _baseWall = state.WallSeconds;
        _words0 = state.WordsProcessed;
        ResumedFrom = state.Step;
        // A resume with nothing left to do keeps the figure it had.
        LastLoss = _curve.Count > 0 ? _curve[^1][1] : double.NaN;
    }

    public long ResumedFrom { get; }
    public double LastLoss { get; private set; }
    private bool FixedSteps => _steps > 0;

    /// <summary>Is <paramref name="step"/> a report step (every printEvery, and the last of a fixed run)?</summary>
    public bool IsReportStep(long step) => step % _printEvery == 0 || (FixedSteps && step == _steps);

    public void CountExamples(long count) => _examples += count;

    /// <summary>
    /// Called as the first step after the start is taken. A run of fixed steps reports its last step even off the
    /// printEvery grid; continued past it (more steps now), that report is one an uninterrupted run never made: it
    /// leaves the curve, and the smoothed loss goes back to the report before (it changes only at reports).
    /// <paramref name="endOfEpochs"/>: the start is among the last batches of the run's epochs, which an
    /// uninterrupted run reports too; that report stays.
    /// </summary>
    public void ContinuePastStart(bool endOfEpochs)
    {
        if (_curve.Count == 0 || (long)_curve[^1][0] != ResumedFrom || ResumedFrom % _printEvery == 0 || endOfEpochs) return;
        _curve.RemoveAt(_curve.Count - 1);
        _smoothed.Restore(_curve.Count > 0 ? _curve[^1][2] : null);
        LastLoss = _curve.Count > 0 ? _curve[^1][1] : double.NaN;
    }

    /// <summary>Records a report step's loss: stops on NaN/∞ or a smoothed loss past progress.divergenceFactor
    /// times its first value, updates the smoothed loss and the curve, reports.</summary>
    public void Record(long step, double loss, double lr, long wordsDone, long totalWords)
    {
        LastLoss = loss;
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException(
                $"the loss became {loss.ToString(CultureInfo.InvariantCulture)} at step {step} (learning rate {lr:G4})");
        var s = _smoothed.Update(loss);
        var first = _curve.Count > 0 ? _curve[0][2] : s;
        if (_divergence > 0 && first > 0 && s > _divergence * first)
            throw new TrainingDivergedException(
                $"the smoothed loss grew to {s.ToString("G4", CultureInfo.InvariantCulture)} at step {step} (learning rate {lr:G4}), more than " +
                $"{_divergence.ToString(CultureInfo.InvariantCulture)} times its first value {first.ToString("G4", CultureInfo.InvariantCulture)} " +
                "(progress.divergenceFactor)");
        _curve.Add(new[] { step, loss, s });
        var secs = Math.Max(_segment.Elapsed.TotalSeconds, 1e-9);
        var wps = (wordsDone - _words0) / secs;
        TimeSpan? eta = FixedSteps
            ? TimeSpan.FromSeconds(secs / Math.Max(1, step - ResumedFrom) * (_steps - step))
            : totalWords > 0 && wps > 0 ? TimeSpan.FromSeconds((totalWords - wordsDone) / wps) : null;
        _sink.Report(new TrainingProgress(step, FixedSteps ? _steps : 0, loss, s, lr, wordsDone, totalWords,
            wps, _examples / secs, TimeSpan.FromSeconds(_baseWall) + _segment.Elapsed, eta));
    }

    /// <summary>Writes what a checkpoint keeps of the run's progress into <paramref name="state"/>.</summary>
    public void Fill(CheckpointState state, long step, long wordsDone, ulong[] sourceState)
    {
        state.Step = step;
        state.WordsProcessed = wordsDone;
        state.SmoothedLoss = _smoothed.Value;
        state.BatchSourceState = sourceState;
        state.LossCurve = _curve;
        state.WallSeconds = _baseWall + _segment.Elapsed.TotalSeconds;
    }

    public TrainingResult Result(Embeddings embeddings, long step, long wordsDone)
    {
        if (step == ResumedFrom && ResumedFrom > 0) _sink.Message($"nothing left to do: the checkpoint is already at step {step}");
        var seconds = Math.Max(_segment.Elapsed.TotalSeconds, 1e-9);
        return new TrainingResult
        {
            Embeddings = embeddings,
            Steps = step,
            FinalLoss = LastLoss,
            FinalSmoothedLoss = _smoothed.Value,
            LossCurve = _curve,
            WordsProcessed = wordsDone,
            WallSeconds = _baseWall + seconds,
            WordsPerSecond = (wordsDone - _words0) / seconds,
            ExamplesPerSecond = _examples / seconds,
            ResumedFromStep = ResumedFrom,
        };
    }
}
