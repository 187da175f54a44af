namespace Word2Vec.Torch.Evaluation;

/// <summary>The standard word-similarity datasets and their files under the data folder.</summary>
public static class SimilarityDatasets
{
    /// <summary>(name, path relative to the data folder), in report order.</summary>
    public static IReadOnlyList<(string Name, string RelativePath)> Standard { get; } = new[]
    {
        ("WordSim-353", "eval/wordsim353.tsv"),
        ("SimLex-999", "eval/simlex999.txt"),
        ("MEN", "eval/men.txt"),
        ("RW", "eval/rw.txt"),
        ("MTurk-771", "eval/mturk771.txt"),
    };

    /// <summary>Loads the standard datasets found under <paramref name="dataFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">A dataset file is missing.</exception>
    public static IReadOnlyList<SimilarityDataset> LoadStandard(string dataFolder) =>
        Standard.Select(s => SimilarityDataset.Load(Path.Combine(dataFolder, s.RelativePath), s.Name)).ToList();
}
