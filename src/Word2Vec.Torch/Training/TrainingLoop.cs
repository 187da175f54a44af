using TorchSharp;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training.Checkpoints;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The SGD loop, the one for every engine and every kind of batch: for each batch of the source,
/// the schedule's learning rate (scaled by 1/windows under the assignment's meanOverWindows, so a
/// step follows the mean of the window losses), one engine step, the smoothed loss and a report
/// every progress.printEvery steps and at the last step, a checkpoint every checkpoints.every steps and at the end, and
/// cancellation (a checkpoint first, then <see cref="OperationCanceledException"/>). Each step runs
/// in a dispose scope, so a step's tensors (a device batch's among them) go with it.
/// </summary>
internal static class TrainingLoop
{
    /// <param name="state">Where the run starts (a resumed checkpoint's state, or a fresh one); filled in for each checkpoint.</param>
    /// <param name="remedy">What to suggest when the loss stops being finite.</param>
    /// <param name="corpus">What the source reads (the run's description, naming the corpus), for messages.</param>
    public static TrainingResult Run<TBatch>(TrainingOptions o, IBatchSource<TBatch> source, ITrainingEngine<TBatch> engine,
        RunCheckpoints checkpoints, CheckpointState state, IProgressSink sink, string remedy, string corpus, CancellationToken cancel)
        where TBatch : IBatch, new()
    {
        try
        {
            return Steps(o, source, engine, checkpoints, state, sink, corpus, cancel);
        }
        catch (TrainingDivergedException e)   // what happened, then what is left of the run and what to change
        {
            throw new TrainingDivergedException($"{e.Message}; {checkpoints.Kept}. {remedy}", e);
        }
    }

    private static TrainingResult Steps<TBatch>(TrainingOptions o, IBatchSource<TBatch> source, ITrainingEngine<TBatch> engine,
        RunCheckpoints checkpoints, CheckpointState state, IProgressSink sink, string corpus, CancellationToken cancel)
        where TBatch : IBatch, new()
    {
        var t = o.Training;
        var schedule = new LearningRateSchedule(o.Schedule);
        var run = new RunProgress(o, sink, state);
        var batch = new TBatch();
        long stepNo = state.Step, wordsDone = state.WordsProcessed;
        var fixedSteps = t.Steps > 0;
        // Every word of the run's epochs consumed (the last batches of a run by epochs, or of steps that outlast them).
        bool EpochsDone() => !source.Endless && wordsDone >= source.TotalWords;

        void SaveCheckpoint()
        {
            run.Fill(state, stepNo, wordsDone, source.GetState());
            checkpoints.Save(state, engine.View);   // written before the next step
        }

        while (!fixedSteps || stepNo < t.Steps)
        {
            if (cancel.IsCancellationRequested)
            {
                SaveCheckpoint();
                throw new OperationCanceledException($"training stopped at step {stepNo}; {checkpoints.ResumeHint}.");
            }
            using var scope = torch.NewDisposeScope();
            if (!source.NextBatch(batch)) break;
            if (stepNo == run.ResumedFrom) run.ContinuePastStart(endOfEpochs: EpochsDone());
            // The run's progress for the linear schedule, before this batch (so the first gets lr₀): words done of
            // the words planned (word2vec.c's); for an endless source (SST's random windows), steps done of training.steps.
            var progress = source.Endless ? (double)stepNo / t.Steps
                : source.TotalWords > 0 ? (double)wordsDone / source.TotalWords : 0;
            stepNo++;
            wordsDone = batch.WordsProcessed;
            // What the loss sums over: the examples, or with shared negatives the pairs of the windows (each a
            // skip-gram pair's loss), so that both report the loss of a pair.
            long examples = o.Loss.ShareNegatives ? batch.Pairs : batch.Count;
            run.CountExamples(examples);
            var lr = schedule.At(stepNo, progress);
            // meanOverWindows: J = (1/windows) Σ window losses, so each gradient is scaled by 1/windows.
            var scale = t.Reduction == LossReduction.MeanOverWindows ? 1.0 / Math.Max(1, batch.Windows) : 1.0;

            // Report steps (training.steps reached among them), and the last batches of a run's epochs, so that the
            // final loss is the last step's, and a run shorter than progress.printEvery still reports one.
            var report = run.IsReportStep(stepNo) || EpochsDone();
            var total = engine.Step(batch, lr * scale, report);
            if (report)
                run.Record(stepNo, t.Reduction == LossReduction.MeanOverWindows ? total * scale : total / examples,
                    lr, wordsDone, source.TotalWords);

            if (o.Checkpoints.Every > 0 && stepNo % o.Checkpoints.Every == 0) SaveCheckpoint();
        }

        if (fixedSteps && stepNo < t.Steps && stepNo > 0)
            sink.Message($"training.steps = {t.Steps:N0}, but the corpus's training.epochs = {t.Epochs} ended the run at step {stepNo:N0}; " +
                "raise training.epochs for more steps.");

        if (stepNo == 0)   // a fresh run whose source ended at once: no vectors worth writing
            throw new InvalidDataException(
                $"{corpus}: no training example: every sentence has fewer than two words left after corpus.minCount and " +
                "subsampling (corpus.sample). Nothing was trained or written; use a larger corpus or lower corpus.minCount.");

        // The final parameters once (the cpu engine's own arrays): the last checkpoint is written from the result.
        var final = engine.Finish();
        try
        {
            run.Fill(state, stepNo, wordsDone, source.GetState());
            checkpoints.Save(state, final);
        }
        catch
        {
            final.Dispose();
            throw;
        }
        return run.Result(final, stepNo, wordsDone);
    }
}
