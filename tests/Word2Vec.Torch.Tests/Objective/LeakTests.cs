using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Tests.Backend;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

[Collection(nameof(ProcessWideTorchState))]
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
    public void TheGradientChecksLeaveNoTensorBehind()
    {
        // gradcheck's losses keep tensors of their own (negative sampling's labels, the tree's paths) outside its scope.
        Word2Vec.Torch.Objective.GradientChecking.GradientChecks.RunAll(seed: 3);   // once first: whatever is made once and kept for good
        var baseline = LiveTensors.Now();
        var rows = Word2Vec.Torch.Objective.GradientChecking.GradientChecks.RunAll(seed: 3);
        Assert.NotEmpty(rows);
        LiveTensors.AssertNoneLeakedSince(baseline, "every gradient check");
    }

    [Theory]
    [InlineData("naive")]
    [InlineData("negative")]
    [InlineData("hierarchical")]
    [InlineData("both")]   // word2vec.c's -hs 1 -negative K: the nodes after the V outside rows
    public void DisposingALossFreesWhatItKeepsAndItStillWorksAfter(string kind)
    {
        const int B = 6, V = 12, d = 4, K = 3;
        var rng = new Random(5);
        using var hidden = Uniform(rng, new long[] { B, d }, ScalarType.Float32);
        using var outside = Uniform(rng, new long[] { 2 * V, d }, ScalarType.Float32);
        using var targets = torch.tensor(RandomIndices(rng, B, V));
        using var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        var tree = new HuffmanTree(Enumerable.Range(1, V).Select(c => (long)c).ToArray());
        using var output = kind == "naive" ? outside.narrow(0, 0, V) : outside.alias();
        var baseline = LiveTensors.Now();
        IOutputLoss loss = kind switch
        {
            "naive" => new NaiveSoftmaxLoss(),
            "negative" => new NegativeSamplingLoss(),
            "hierarchical" => new HierarchicalSoftmaxLoss(tree),
            _ => new SumOfLosses(new HierarchicalSoftmaxLoss(tree, nodeOffset: V), new NegativeSamplingLoss(V)),
        };
        double Loss()
        {
            using var scope = torch.NewDisposeScope();
            return loss.Forward(hidden, targets, output, negatives).Loss.item<float>();
        }
        var first = Loss();   // the loss's kept tensors are made here
        loss.Dispose();
        LiveTensors.AssertNoneLeakedSince(baseline, $"{kind}: after Dispose");
        Assert.Equal(first, Loss());   // made again, the same numbers
        loss.Dispose();
        LiveTensors.AssertNoneLeakedSince(baseline, $"{kind}: after a second Dispose");
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
