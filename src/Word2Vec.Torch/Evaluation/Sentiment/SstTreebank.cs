namespace Word2Vec.Torch.Evaluation;

/// <summary>The Stanford Sentiment Treebank's standard split: train, dev and test sentences.</summary>
public sealed record SstTreebank(IReadOnlyList<SstSentence> Train, IReadOnlyList<SstSentence> Dev, IReadOnlyList<SstSentence> Test)
{
    /// <summary>Reads <c>train.txt</c>, <c>dev.txt</c> and <c>test.txt</c> from a trees folder (e.g. data/sst/trees).</summary>
    public static SstTreebank Load(string treesFolder) => new(
        SstTreeReader.Load(Path.Combine(treesFolder, "train.txt")),
        SstTreeReader.Load(Path.Combine(treesFolder, "dev.txt")),
        SstTreeReader.Load(Path.Combine(treesFolder, "test.txt")));
}
