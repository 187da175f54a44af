using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Training;

/// <summary>The corpus a config names, read and turned into a batch source for the trainer.</summary>
public sealed class TrainingData
{
    public required Vocabulary Vocabulary { get; init; }
    public required IBatchSource Source { get; init; }

    /// <summary>A line for the log: what was read, how big it is.</summary>
    public required string Description { get; init; }

    /// <param name="o">The run's options.</param>
    /// <param name="corpusPath">The corpus file or folder, already located.</param>
    public static TrainingData Open(TrainingOptions o, string corpusPath)
    {
        var rng = new RandomSource((ulong)o.Seed);
        var k = o.Loss.Type == LossKind.NaiveSoftmax ? 0 : o.Loss.Negatives;
        var cbow = o.Model.Architecture == Architecture.Cbow;
        if (o.Corpus.Format == CorpusFormat.Sst)
        {
            var corpus = SstCorpus.Load(corpusPath);
            return new TrainingData
            {
                Vocabulary = corpus.Vocabulary,
                Source = new Cs224nBatchSource(corpus, o.Model.Window, o.Training.WindowsPerStep, k, cbow, rng),
                Description = $"SST (CS224N reading) from {corpus.SourcePath}: {corpus.Sentences.Count:N0} sentences, " +
                              $"{corpus.TokenCount:N0} tokens, {corpus.Vocabulary.Count:N0} words including UNK",
            };
        }

        var text = TextCorpus.Load(corpusPath, o.Corpus.MinCount, o.Corpus.MaxVocab);
        var source = new TextBatchSource(text, o.Model.Window, k, cbow, o.Corpus.Sample, o.Training.BatchSize, rng);
        return new TrainingData
        {
            Vocabulary = text.Vocabulary,
            Source = new EpochBatchSource(source, o.Training.Epochs),
            Description = $"text corpus {corpusPath}: {text.TokenCount:N0} tokens kept, {text.Vocabulary.Count:N0} words with count >= {o.Corpus.MinCount}",
        };
    }
}
