using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Training;

/// <summary>
/// Word2Vec.Torch as a library, as gensim's users know it (<c>Word2Vec(corpus, ...).wv</c>): options
/// in, trained vectors out, with a progress callback and cancellation. It reads the corpus at
/// <c>options.Corpus.Path</c> as given (the CLI also looks in the data folders), writes no file
/// unless a checkpoint folder is given, and refuses invalid options with an
/// <see cref="InvalidOptionsException"/> naming the keys.
/// </summary>
public static class Word2VecTrainer
{
    /// <param name="checkpointDir">Checkpoints are written (and resumed from) here; null: none.</param>
    /// <param name="progress">Called on the training thread on every report step (progress.printEvery).</param>
    public static WordVectors Train(TrainingOptions options, Action<TrainingProgress>? progress = null,
        CancellationToken cancel = default, string? checkpointDir = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var run = RunFactory.Create(options, options.Corpus.Path);
        var result = run.Train(checkpointDir, progress is null ? null : new ProgressCallback(progress), cancel);
        using (result.Embeddings)
            return TrainedVectors.From(result, run.Vocabulary, options.Output.Vectors);
    }

    private sealed class ProgressCallback(Action<TrainingProgress> progress) : IProgressSink
    {
        public void Report(in TrainingProgress p) => progress(p);
        public void Message(string text) { }
    }
}
