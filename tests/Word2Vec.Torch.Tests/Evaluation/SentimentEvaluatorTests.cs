using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SentimentEvaluatorTests
{
    // Word vectors whose first coordinate carries the sentiment: average features separate the classes.
    private static WordVectors Vectors() => WordVectors.FromMatrix(
        new[] { "awful", "bad", "film", "good", "great", "the" },
        new[] { -2f, 0.1f, -1f, -0.1f, 0f, 0.5f, 1f, 0.2f, 2f, -0.2f, 0f, -0.5f });

    private static SstSentence S(int label, string text) => new(text.Split(' '), label, 1);

    private static IReadOnlyList<SstSentence> Split(int copies) => Enumerable.Range(0, copies).SelectMany(_ => new[]
    {
        S(0, "the awful awful film"), S(1, "the bad film"), S(2, "the film"), S(3, "the good film"), S(4, "the great great film"),
    }).ToList();

    [Fact]
    public void SeparableSentencesAreClassifiedAndReported()
    {
        using var v = Vectors();
        var options = new SentimentOptions
        {
            Models = new[] { new SentimentClassifierSpec(new SoftmaxRegression(), new SentimentTrainingOptions(Epochs: 300, LearningRate: 0.1)) },
            Lambdas = new[] { 0.0, 1e-3 },
        };
        var report = new SentimentEvaluator(v, options).Evaluate(new SstTreebank(Split(8), Split(2), Split(3)));
        Assert.Equal(new FeatureCoverage(65, 208, 208, 0), report.Coverage);
        Assert.Equal(2, report.Results.Count);

        var binary = report.Results.Single(r => r.Task == SentimentTask.Binary);
        Assert.Equal((32, 8, 12), (binary.TrainSize, binary.DevSize, binary.TestSize));
        Assert.Equal(1.0, binary.TestAccuracy);
        Assert.Equal(new[] { "negative", "positive" }, binary.TestConfusion.Labels);
        Assert.Equal(12, binary.TestConfusion.Total);
        Assert.Equal(2, binary.LambdaSearch.Count);
        Assert.Contains(binary.Lambda, new[] { 0.0, 1e-3 });

        var five = report.Results.Single(r => r.Task == SentimentTask.FiveClass);
        Assert.Equal("softmax regression", five.Classifier);
        Assert.Equal(5, five.TestConfusion.Labels.Count);
        Assert.Equal(15, five.TestConfusion.Total);
        Assert.Equal(five.TestConfusion.Accuracy, five.TestAccuracy);
        Assert.True(five.TrainAccuracy >= 0.8, $"five-class train accuracy {five.TrainAccuracy}");
    }
}
