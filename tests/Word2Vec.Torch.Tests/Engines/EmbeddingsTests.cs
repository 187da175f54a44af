using TorchSharp;
using Word2Vec.Torch.Engines;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Engines;

public class EmbeddingsTests
{
    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    public void TheStartIsTheAssignmentsWhateverTheBlocksItIsDrawnIn(ScalarType dtype)
    {
        // v = (U[0,1) − 0.5) / d from one draw of the whole matrix: the reference.
        using var generator = new Generator(11);
        using var half = 0.5.ToScalar();
        using var six = 6.ToScalar();
        using var whole = torch.rand(1000, 6, ScalarType.Float64, generator: generator).sub(half).div(six).to(dtype);
        var expected = whole.to(ScalarType.Float64).data<double>().ToArray();
        foreach (var block in new long[] { 1, 7, 999, 4096 })
        {
            using var e = Embeddings.Initialize(1000, 6, dtype, CPU, seed: 11, outsideRows: 999, blockRows: block);
            Assert.Equal(expected, e.CenterVectors.to(ScalarType.Float64).data<double>().ToArray());
            Assert.Equal(dtype, e.CenterVectors.dtype);
            Assert.Equal(new long[] { 999, 6 }, e.OutsideVectors.shape);
            Assert.Equal(0.0, e.OutsideVectors.abs().sum().to(ScalarType.Float64).item<double>());
        }
    }

    [Fact]
    public void NonFiniteParametersAreFoundInAnyBlock()
    {
        using var e = Embeddings.Initialize(5000, 300, ScalarType.Float32, CPU, seed: 1);
        Assert.True(e.IsFinite());
        e.OutsideVectors[4321, 17] = float.NaN;
        Assert.False(e.IsFinite());
        e.OutsideVectors[4321, 17] = 0f;
        e.CenterVectors[4999, 299] = float.PositiveInfinity;
        Assert.False(e.IsFinite());
    }
}
