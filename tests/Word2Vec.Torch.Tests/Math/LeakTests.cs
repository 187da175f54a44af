#if TORCH_BINDING
using TorchSharp;
using TorchSharp.Binding;
using Word2Vec.Torch.Math;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Math.MathTestData;

namespace Word2Vec.Torch.Tests.Math;

/// <summary>Counts live native tensors, so nothing else may create tensors while it runs.</summary>
[CollectionDefinition(nameof(NativeTensorCountCollection), DisableParallelization = true)]
public sealed class NativeTensorCountCollection { }

[Collection(nameof(NativeTensorCountCollection))]
public class LeakTests
{
    [Theory]
    [InlineData(ContextCombine.Sum, false)]
    [InlineData(ContextCombine.Mean, true)]
    public void TheBatchedForwardLeaksNoTensors(ContextCombine combine, bool negativeSampling)
    {
        const int B = 8, V = 20, d = 4, K = 3, W = 3;
        var rng = new Random(61);
        using var centerVectors = Uniform(rng, new long[] { V, d }, ScalarType.Float32);
        using var outsideVectors = Uniform(rng, new long[] { V, d }, ScalarType.Float32);
        using var inputs = torch.tensor(RandomIndices(rng, B * W, V), new long[] { B, W });
        using var mask = torch.ones(B, W, dtype: ScalarType.Float32);
        using var targets = torch.tensor(RandomIndices(rng, B, V));
        using var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        IOutputLoss loss = negativeSampling ? new NegativeSamplingLoss() : new NaiveSoftmaxLoss();
        var architecture = new Word2VecArchitecture(combine, loss);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = NativeTensors.LiveCount;

        for (var i = 0; i < 200; i++)
        {
            using var scope = torch.NewDisposeScope();
            var step = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives);
            centerVectors.index_add_(0, step.CenterRows, step.CenterRowGrads, -0.01);
            outsideVectors.index_add_(0, step.OutsideRows, step.OutsideRowGrads, -0.01);
        }
        Assert.Equal(baseline, NativeTensors.LiveCount);

        // Without a scope, disposing the result frees everything too.
        for (var i = 0; i < 200; i++)
        {
            using var step = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives);
            using var dense = step.DenseCenterGradient(V);
        }
        Assert.Equal(baseline, NativeTensors.LiveCount);
    }
}
#endif
