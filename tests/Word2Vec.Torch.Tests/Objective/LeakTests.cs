using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Tests.Backend;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

[Collection(nameof(LiveTensorCountCollection))]
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

        using var minusLr = (-0.01).ToScalar();
        // The losses keep a few tensors from their first batch on (negative sampling's y and 2y − 1, naive
        // softmax's [B,V] buffer): made before the count starts, and never more.
        using (var first = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives)) { }
        var baseline = LiveTensors.Now();
        for (var i = 0; i < 200; i++)
        {
            using var scope = torch.NewDisposeScope();
            var step = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives);
            centerVectors.index_add_(0, step.CenterRows, step.CenterRowGrads, minusLr);
            outsideVectors.index_add_(0, step.OutsideRows, step.OutsideRowGrads, minusLr);
        }
        LiveTensors.AssertNoneLeakedSince(baseline, "200 steps in dispose scopes");

        // Without a scope, disposing the result frees everything too.
        for (var i = 0; i < 200; i++)
        {
            using var step = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives);
            using var dense = step.DenseCenterGradient(V);
        }
        LiveTensors.AssertNoneLeakedSince(baseline, "200 forwards disposed by hand");
    }

    [Fact]
    public void TheCounterSeesATensorLeftToTheFinalizer()
    {
        var baseline = LiveTensors.Now();
        var leaked = torch.ones(3);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => LiveTensors.AssertNoneLeakedSince(baseline, "one tensor"));
        leaked.Dispose();
        LiveTensors.AssertNoneLeakedSince(baseline, "after disposing it");
    }
}
