using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SentenceFeaturesTests
{
    [Fact]
    public void AFeatureIsTheMeanOfTheKnownWordsOrZeros()
    {
        using var v = WordVectors.FromMatrix(new[] { "good", "film", "clichÃ©s" }, new[] { 1f, 2f, 3f, 6f, -1f, -1f });
        var sentences = new IReadOnlyList<string>[]
        {
            new[] { "Good", "FILM", "!" },
            new[] { "unknown", "words" },
            new[] { "film" },
            new[] { "clichés" }, // repaired by the doubly-encoded fallback
        };
        var (features, coverage) = SentenceFeatures.Average(v, sentences);
        using (features)
        {
            Assert.Equal(new long[] { 4, 2 }, features.shape);
            Assert.Equal(new[] { 2f, 4f, 0f, 0f, 3f, 6f, -1f, -1f }, features.data<float>().ToArray());
        }
        Assert.Equal(new FeatureCoverage(4, 7, 4, 1), coverage);
        Assert.Equal(4.0 / 7, coverage.TokenCoverage, 12);
    }
}
