using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Training;

/// <summary>
/// Word2Vec.Torch as a library, as gensim's users know it (<c>Word2Vec(sentences, ...).wv</c>): options
/// and a corpus in, trained vectors out, with progress callbacks and cancellation. The corpus is a file,
/// folder or glob at <c>options.Corpus.Path</c> as given (the CLI also looks in the data folders), or
/// sentences in memory. It refuses invalid options with an <see cref="InvalidOptionsException"/> naming
/// the keys. It writes no file but the corpus cache of a text file (corpus.cacheDir; "off": none) and
/// the checkpoints of a checkpoint folder, when one is given. libtorch's thread count is the caller's
/// again when it returns; glibc's allocator keeps the thresholds the run chose (mallopt: the process's setting).
/// </summary>
public static class Word2VecTrainer
{
    /// <param name="progress">Called on the training thread on every report step (progress.printEvery).</param>
    /// <param name="cancel">Stops the corpus's reading or training (<see cref="OperationCanceledException"/>).</param>
    /// <param name="checkpointDir">Checkpoints are written (and resumed from) here; null: none.</param>
    /// <param name="log">What the run says besides its progress, a line a call: the corpus cache's decisions, warnings
    /// ("warning: …", invalid UTF-8 in the corpus, say), a resume, the epochs ending the run before training.steps.</param>
    /// <param name="reading">A text corpus's reading, about twice a second (pass 1 counts, pass 2 encodes).</param>
    public static WordVectors Train(TrainingOptions options, Action<TrainingProgress>? progress = null,
        CancellationToken cancel = default, string? checkpointDir = null, Action<string>? log = null,
        IProgress<CorpusReadProgress>? reading = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var kept = new KeptThreadCount();   // a run sets it for the process (training.threads, the tensor engine's parts)
        using var run = RunFactory.Create(options, options.Corpus.Path, reading, cancel);
        return Train(run, options, progress, cancel, checkpointDir, log);
    }

    /// <summary>Trains on <paramref name="sentences"/>, each a sentence's words (a list of them, as gensim takes): counted and
    /// encoded as a text file's lines are (<see cref="TextCorpusLoader.FromSentences"/>; corpus.minCount and maxVocab
    /// apply), enumerated twice, kept in memory. corpus.format must be text (<see cref="TrainingOptions.ForText"/>);
    /// corpus.path is not used. No checkpoints: the sentences are not on disk to resume from.</summary>
    /// <param name="log">As for a file: the count's reductions (corpus.maxVocabDuringCounting), the run's messages.</param>
    /// <exception cref="ArgumentException">A null sentence or a word that is empty or holds whitespace, named with its place.</exception>
    public static WordVectors Train(IEnumerable<IEnumerable<string>> sentences, TrainingOptions options, Action<TrainingProgress>? progress = null,
        CancellationToken cancel = default, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        // Before the sentences are read: the options, and a device that is not there.
        OptionsValidator.ThrowIfInvalid(options, corpusInMemory: true);
        RunFactory.DeviceOf(options, torch.cuda.is_available);
        var corpus = TextCorpusLoader.FromSentences(sentences, RunFactory.TextOptionsOf(options.Corpus) with { CacheDirectory = null }, cancel, log);
        using var kept = new KeptThreadCount();
        using var run = RunFactory.Create(options, corpus);
        return Train(run, options, progress, cancel, checkpointDir: null, log);
    }

    private static WordVectors Train(TrainingRun run, TrainingOptions options, Action<TrainingProgress>? progress, CancellationToken cancel,
        string? checkpointDir, Action<string>? log)
    {
        foreach (var note in run.Notes) log?.Invoke(note);
        foreach (var warning in run.Warnings) log?.Invoke($"warning: {warning}");
        var result = run.Train(checkpointDir, progress is null && log is null ? null : new Callbacks(progress, log), cancel);
        using (result.Embeddings)
            return TrainedVectors.From(result, run.Vocabulary, options.Output.Vectors);
    }

    private sealed class Callbacks(Action<TrainingProgress>? progress, Action<string>? log) : IProgressSink
    {
        public void Report(in TrainingProgress p) => progress?.Invoke(p);
        public void Message(string text) => log?.Invoke(text);
    }
}
