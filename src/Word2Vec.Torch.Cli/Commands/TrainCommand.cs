using System.CommandLine;
using System.Runtime.InteropServices;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Cli.Data;
using Word2Vec.Torch.Cli.Output;
using Word2Vec.Torch.Cli.Progress;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>w2v train --config FILE [--set key=value]... : the main job.</summary>
public static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config", "-c") { Description = "The JSON config (see configs/).", Required = true };
        var set = new Option<string[]>("--set", "-s")
        {
            Description = "Override a config key, e.g. --set training.steps=2000 (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var fresh = new Option<bool>("--no-resume") { Description = "Start afresh even if the output folder has checkpoints." };
        var command = new Command("train", "Train word vectors as a config says; resumes from the newest checkpoint.") { config, set, fresh };
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var overrides = r.GetValue(set) ?? Array.Empty<string>();
            var path = r.GetValue(config)!;
            // --no-resume is applied to the loaded options, not as one more override: checkpoints.resume's own value,
            // in the config or a --set, is checked all the same.
            var options = ConfigLoader.Load(path, overrides, warning => stderr.WriteLine($"w2v: warning: {warning}"));
            if (r.GetValue(fresh)) options.Checkpoints.Resume = false;
            return Run(path, options, stdout, stderr);
        }));
        return command;
    }

    public static int Run(string configPath, TrainingOptions options, TextWriter stdout, TextWriter stderr)
    {
        // Everything that can be refused is refused before anything is written: the corpus is found
        // and read, its sizes checked, the evaluation data found, the output folder locked.
        var outDir = Path.GetFullPath(options.Output.Dir);
        FolderLock.CheckFolder(outDir);
        var locator = new DataLocator(options.Corpus.DataDir, stderr);
        var corpusPath = options.Corpus.Format == CorpusFormat.Sst
            ? locator.RequireSst(options.Corpus.Path)
            : locator.RequireText(options.Corpus.Path);
        RunOutputs.CheckFolder(options, outDir, corpusPath);
        var evaluationData = options.Evaluate ? EvalCommand.DataFolder(locator) : null;
        var interactive = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        // From here a signal stops the run cleanly: the corpus's reading (nothing kept), or training (a checkpoint).
        using var stop = new StopSignals();
        int Stopped(PosixSignal signal, string why)
        {
            if (interactive) stdout.WriteLine();   // below the progress line being rewritten in place
            stderr.WriteLine($"w2v: stopped by {signal}: {why}");
            return StopSignals.ExitCode(signal);
        }
        TrainingRun run;
        try
        {
            run = RunFactory.Create(options, corpusPath, new CorpusReadingProgress(stdout, interactive), stop.Token);
        }
        catch (OperationCanceledException e) when (stop.Signal is { } signal)
        {
            return Stopped(signal, e.Message);
        }
        using var _ = run;
        // A signal after the reading's last look at it (SST's reading, the vocabulary, the sizes' checks): nothing is written.
        if (stop.Signal is { } early) return Stopped(early, "the corpus was read and training had not begun; nothing was written.");
        foreach (var warning in run.Warnings) stderr.WriteLine($"w2v: warning: {warning}");
        using var folder = FolderLock.Acquire(outDir);
        foreach (var note in run.Notes) stdout.WriteLine(note);
        stdout.WriteLine($"config {configPath}; {run.Description}");
        stdout.WriteLine($"device {run.Device}, {options.Dtype}, {options.Threads} thread(s); output {outDir}");

        var trainer = (IProgressSink sink) => run.Train(outDir, sink, stop.Token);
        TrainingResult result;
        try
        {
            result = interactive
                ? SpectreProgress.Run($"training {Path.GetFileNameWithoutExtension(configPath)}", options.Training.Steps, trainer)
                : trainer(new PlainProgress(stdout));
        }
        catch (OperationCanceledException e) when (stop.Signal is { } signal)
        {
            return Stopped(signal, e.Message);
        }
        // Training is over: from here a signal ends the process at once, as it ends any command (every output is
        // written atomically). One that came as training ended is honoured once the outputs are in.
        var late = stop.Signal;
        stop.Dispose();
        using (result.Embeddings)
        {
            IReadOnlyList<string> written;
            try
            {
                using var files = new StagedFiles(outDir);
                RunOutputs.Stage(options, configPath, run.Vocabulary, result, files);
                // The previous run's evaluations (w2v eval's evaluation-KIND/ folders too) described the previous vectors.
                foreach (var stale in EvaluationReport.ExistingFiles(outDir).Concat(EvalCommand.CheckpointEvaluationFolders(outDir)))
                    files.Remove(Path.GetFileName(stale));
                written = files.Commit();
                foreach (var failure in files.RemovalFailures) stderr.WriteLine($"w2v: warning: an output of the previous run could not be removed: {failure}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var again = options.Checkpoints.Resume ? "run the same command again"
                    : "run it again with checkpoints.resume = true (without --no-resume)";
                throw new IOException($"could not write the run's outputs into {outDir} ({e.Message})" +
                                      (e is PartialCommitException ? "" : "; no file of the previous run was replaced") +
                                      $". The trained parameters are in the newest checkpoint there: fix that (a full disk, a file in the way) and {again}: " +
                                      "it resumes at its last step and writes them.", e);
            }
            stdout.WriteLine($"done: {result.Steps} steps, final loss {result.FinalLoss:F6}, smoothed {result.FinalSmoothedLoss:F6}, " +
                             $"{result.WallSeconds:F1} s, {result.WordsPerSecond:F0} words/s");
            foreach (var f in written) stdout.WriteLine($"  wrote {f}");
            if (late is { } signal)
                return Stopped(signal, $"training had ended; its outputs were written{(evaluationData is null ? "" : ", the evaluation was not run")}.");
            if (evaluationData is not null)
                EvalCommand.Evaluate(Path.Combine(outDir, RunOutputs.VectorsFileName(binary: options.Output.Binary)), evaluationData, outDir, stdout);
        }
        return 0;
    }
}
