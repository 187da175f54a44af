using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>output.vectors: v, v + u or [v; u], u being the first V rows of the output matrix.</summary>
public class TrainedVectorsTests
{
    private static readonly Vocabulary Words = new(["a", "b", "c"], [3, 2, 1]);

    private static TrainingResult Result(float[] center, float[] outside, long outsideRows) => new()
    {
        Embeddings = new Embeddings(torch.tensor(center, new long[] { 3, 2 }), torch.tensor(outside, new long[] { outsideRows, 2 })),
        LossCurve = Array.Empty<double[]>(),
    };

    [Fact]
    public void EachKindIsTheCentreVectorsTheSumOrTheConcatenation()
    {
        // With hierarchical softmax and negative sampling the matrix holds 2V − 1 rows: u first, then the nodes.
        var result = Result([1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60, 7, 7, 8, 8], 5);
        using (result.Embeddings)
        {
            using var center = TrainedVectors.From(result, Words, VectorsKind.Center);
            using var sum = TrainedVectors.From(result, Words, VectorsKind.CenterPlusOutside);
            using var concat = TrainedVectors.From(result, Words, VectorsKind.CenterConcatOutside);
            Assert.Equal(new float[] { 3, 4 }, center.GetVector("b"));
            Assert.Equal(new float[] { 33, 44 }, sum.GetVector("b"));
            Assert.Equal(4, concat.Dimension);
            Assert.Equal(new float[] { 5, 6, 50, 60 }, concat.GetVector("c"));
        }
    }

    [Fact]
    public void AnotherRunsVocabularyIsRefusedNamingBothSizes()
    {
        var result = Result([1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60], 3);
        using (result.Embeddings)
        {
            var e = Assert.Throws<ArgumentException>(() => TrainedVectors.From(result, new Vocabulary(["a", "b"], [2, 1]), VectorsKind.Center));
            Assert.Equal("vocabulary", e.ParamName);
            Assert.Contains("2 words; the run's centre vectors are 3 rows", e.Message);
        }
    }

    [Fact]
    public void PureHierarchicalSoftmaxHasNoOutsideVectorToAdd()
    {
        var result = Result([1, 2, 3, 4, 5, 6], [7, 7, 8, 8], 2);   // V − 1 inner nodes
        using (result.Embeddings)
        {
            using var center = TrainedVectors.From(result, Words, VectorsKind.Center);
            Assert.Equal(2, center.Dimension);
            var e = Assert.Throws<ArgumentException>(() => TrainedVectors.From(result, Words, VectorsKind.CenterConcatOutside));
            Assert.Contains("inner nodes", e.Message);
        }
    }
}
