using Word2Vec.Torch.Engines.Cpu;
using Word2Vec.Torch.Objective;

namespace Word2Vec.Torch.Tests.Engines.Cpu;

/// <summary>The managed kernels against plain loops, and their two update modes against each other.</summary>
public class Word2VecKernelTests
{
    private const int V = 9, D = 7;   // 7: SIMD lanes plus a scalar tail

    private static double[] RandomMatrix(Random rng, double scale = 0.5, int d = D) =>
        Enumerable.Range(0, V * d).Select(_ => scale * (2 * rng.NextDouble() - 1)).ToArray();

    /// <summary>word2vec.c's inner loop (negative sampling), scalar, for one example after another:
    /// neu1 = Σ a_w syn0[x_w]; for the target (label 1) and each negative (label 0):
    /// f = neu1·syn1neg[l], g = (label − σ(f))·alpha, neu1e += g·syn1neg[l], syn1neg[l] += g·neu1;
    /// then syn0[x_w] += a_w·neu1e (a_w = 1, or 1/n for the mean — the true gradient).</summary>
    private static double ReferenceWord2VecC(double[] syn0, double[] syn1neg, int[][] inputs, int[] targets, int[][] negatives,
        bool mean, double alpha, int dimension = D)
    {
        var D = dimension;
        double loss = 0;
        for (var b = 0; b < targets.Length; b++)
        {
            var a = mean ? 1.0 / inputs[b].Length : 1.0;
            var neu1 = new double[D];
            var neu1e = new double[D];
            foreach (var x in inputs[b])
                for (var c = 0; c < D; c++) neu1[c] += a * syn0[x * D + c];
            for (var d = 0; d <= negatives[b].Length; d++)
            {
                var l2 = (d == 0 ? targets[b] : negatives[b][d - 1]) * D;
                var label = d == 0 ? 1.0 : 0.0;
                double f = 0;
                for (var c = 0; c < D; c++) f += neu1[c] * syn1neg[c + l2];
                var sigma = 1.0 / (1.0 + Math.Exp(-f));
                loss -= Math.Log(d == 0 ? sigma : 1 - sigma);
                var g = (label - sigma) * alpha;
                for (var c = 0; c < D; c++) neu1e[c] += g * syn1neg[c + l2];
                for (var c = 0; c < D; c++) syn1neg[c + l2] += g * neu1[c];
            }
            foreach (var x in inputs[b])
                for (var c = 0; c < D; c++) syn0[x * D + c] += a * neu1e[c];
        }
        return loss;
    }

    private static KernelBatch Batch(int[][] inputs, int[] targets, int[][] negatives)
    {
        var width = inputs.Max(x => x.Length);
        var k = negatives.Length == 0 ? 0 : negatives[0].Length;
        var ids = new long[targets.Length * width];
        var mask = new float[targets.Length * width];
        for (var b = 0; b < targets.Length; b++)
            for (var w = 0; w < inputs[b].Length; w++)
            {
                ids[b * width + w] = inputs[b][w];
                mask[b * width + w] = 1;
            }
        return new KernelBatch(targets.Length, width, ids, mask, targets.Select(t => (long)t).ToArray(), k,
            negatives.SelectMany(n => n).Select(n => (long)n).ToArray());
    }

    private static void AssertClose(double[] expected, double[] actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var maxAbs = expected.Max(Math.Abs);
        var maxDiff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxDiff <= tol * Math.Max(maxAbs, 1e-300), $"{what}: max |diff| = {maxDiff:G3} (max |expected| {maxAbs:G3})");
    }

    [Theory]
    [InlineData(false, ContextCombine.Sum, 7)]    // skip-gram
    [InlineData(true, ContextCombine.Sum, 7)]     // CBOW, sum
    [InlineData(true, ContextCombine.Mean, 7)]    // CBOW, mean
    [InlineData(false, ContextCombine.Sum, 37)]   // every SIMD width
    [InlineData(true, ContextCombine.Mean, 37)]
    public void TheSequentialKernelIsWord2VecCsInnerLoop(bool cbow, ContextCombine combine, int D)
    {
        var rng = new Random(5);
        var center = RandomMatrix(rng, 0.5, D);
        var outside = RandomMatrix(rng, 0.5, D);
        // A hand-made case: rows shared between examples, a negative repeated inside an example
        // (its second occurrence sees the first one's update), and a negative equal to the target.
        int[][] inputs = cbow
            ? [[1, 2, 3], [2, 4, 1], [5, 6, 2]]
            : [[1], [1], [2]];
        int[] targets = [3, 4, 1];
        int[][] negatives = [[0, 5, 5], [3, 4, 7], [8, 1, 2]];

        var refCenter = (double[])center.Clone();
        var refOutside = (double[])outside.Clone();
        var refLoss = ReferenceWord2VecC(refCenter, refOutside, inputs, targets, negatives, combine == ContextCombine.Mean, 0.3, D);

        var p = new EmbeddingArrays<double>(center, outside, V, D);
        var kernel = new Word2VecKernel<double>(V, D, combine, OutputLoss.NegativeSampling);
        var batch = Batch(inputs, targets, negatives);
        kernel.CheckBatch(p, batch);
        var loss = kernel.TrainSequential(p, batch, 0, targets.Length, 0.3, true, kernel.CreateScratch());

        AssertClose(refCenter, center, 1e-13, "centre vectors");
        AssertClose(refOutside, outside, 1e-13, "outside vectors");
        Assert.Equal(refLoss, loss, 1e-12);
    }

    [Theory]
    [InlineData(7)]     // scalar only
    [InlineData(37)]    // 512- or 256-bit lanes, a 128-bit step and a scalar tail
    [InlineData(100)]   // the usual size
    public void TheSequentialKernelInFloat32FollowsTheReference(int D)
    {
        var rng = new Random(6);
        var center = RandomMatrix(rng, 0.5, D);
        var outside = RandomMatrix(rng, 0.5, D);
        int[][] inputs = [[1], [2], [2], [7]];
        int[] targets = [3, 4, 1, 0];
        int[][] negatives = [[0, 5], [3, 8], [8, 8], [2, 6]];
        var refCenter = center.Select(x => (double)(float)x).ToArray();
        var refOutside = outside.Select(x => (double)(float)x).ToArray();
        ReferenceWord2VecC(refCenter, refOutside, inputs, targets, negatives, false, 0.5, D);

        var p = new EmbeddingArrays<float>(center.Select(x => (float)x).ToArray(), outside.Select(x => (float)x).ToArray(), V, D);
        var kernel = new Word2VecKernel<float>(V, D, ContextCombine.Sum, OutputLoss.NegativeSampling);
        kernel.TrainSequential(p, Batch(inputs, targets, negatives), 0, targets.Length, 0.5f, false, kernel.CreateScratch());
        AssertClose(refCenter, p.Center.Select(x => (double)x).ToArray(), 1e-5, "centre vectors");
        AssertClose(refOutside, p.Outside.Select(x => (double)x).ToArray(), 1e-5, "outside vectors");
    }

    /// <summary>With one example whose rows are all distinct, "update as you go" and "all gradients
    /// first" are the same step.</summary>
    [Theory]
    [InlineData(false, ContextCombine.Sum, OutputLoss.NegativeSampling)]
    [InlineData(true, ContextCombine.Mean, OutputLoss.NegativeSampling)]
    [InlineData(true, ContextCombine.Sum, OutputLoss.NaiveSoftmax)]
    public void WithABatchOfOneSequentialEqualsBatched(bool cbow, ContextCombine combine, OutputLoss lossKind)
    {
        var rng = new Random(7);
        var center = RandomMatrix(rng);
        var outside = RandomMatrix(rng);
        var kernel = new Word2VecKernel<double>(V, D, combine, lossKind);
        int[][] negatives = lossKind == OutputLoss.NaiveSoftmax ? [] : [[0, 5, 8]];
        int[] inputs = cbow ? [1, 2, 6] : [4];
        var batch = Batch([inputs], [3], negatives);

        var seq = new EmbeddingArrays<double>((double[])center.Clone(), (double[])outside.Clone(), V, D);
        var seqLoss = kernel.TrainSequential(seq, batch, 0, 1, 0.4, true, kernel.CreateScratch());

        var bat = new EmbeddingArrays<double>((double[])center.Clone(), (double[])outside.Clone(), V, D);
        var scratch = kernel.CreateScratch();
        var grads = new BatchedGradients<double>();
        grads.EnsureCapacity(1, D, batch.NegativesPerExample);
        kernel.ResetOutsideGradient(scratch);
        var batLoss = kernel.ComputeGradients(bat, batch, 0, 1, grads, scratch, true);
        kernel.ApplyGradients(bat, batch, grads, [scratch], 0.4);

        AssertClose(bat.Center, seq.Center, 1e-14, "centre vectors");
        AssertClose(bat.Outside, seq.Outside, 1e-14, "outside vectors");
        Assert.Equal(batLoss, seqLoss, 1e-14);
        Assert.NotEqual(center, seq.Center);   // the step did something
    }

    [Fact]
    public void TheNaiveSoftmaxKernelTakesTheSoftmaxGradientStep()
    {
        // One example, by hand: ŷ = softmax(U h), c = ŷ − y, h ← ..., U ← U − lr c hᵀ, v ← v − lr Uᵀc.
        var rng = new Random(8);
        var center = RandomMatrix(rng);
        var outside = RandomMatrix(rng);
        const int c0 = 2, t = 6;
        const double lr = 0.7;
        var h = center.Skip(c0 * D).Take(D).ToArray();
        var s = Enumerable.Range(0, V).Select(j => Enumerable.Range(0, D).Sum(i => outside[j * D + i] * h[i])).ToArray();
        var z = s.Sum(Math.Exp);
        var coef = s.Select((x, j) => Math.Exp(x) / z - (j == t ? 1 : 0)).ToArray();
        var expectedCenter = (double[])center.Clone();
        var expectedOutside = (double[])outside.Clone();
        for (var i = 0; i < D; i++)
            expectedCenter[c0 * D + i] -= lr * Enumerable.Range(0, V).Sum(j => coef[j] * outside[j * D + i]);
        for (var j = 0; j < V; j++)
            for (var i = 0; i < D; i++) expectedOutside[j * D + i] -= lr * coef[j] * h[i];

        var p = new EmbeddingArrays<double>(center, outside, V, D);
        var kernel = new Word2VecKernel<double>(V, D, ContextCombine.Sum, OutputLoss.NaiveSoftmax);
        var loss = kernel.TrainSequential(p, Batch([[c0]], [t], []), 0, 1, lr, true, kernel.CreateScratch());
        AssertClose(expectedCenter, center, 1e-13, "centre vectors");
        AssertClose(expectedOutside, outside, 1e-13, "outside vectors");
        Assert.Equal(Math.Log(z) - s[t], loss, 1e-12);
    }

    [Fact]
    public void CheckBatchRejectsRowsOutsideTheVocabulary()
    {
        var p = new EmbeddingArrays<float>(new float[V * D], new float[V * D], V, D);
        var kernel = new Word2VecKernel<float>(V, D, ContextCombine.Sum, OutputLoss.NegativeSampling);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.CheckBatch(p, Batch([[1]], [2], [[3, V]])));
        Assert.Contains("negatives", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.CheckBatch(p, Batch([[-1]], [2], [[3, 4]])));
        Assert.Throws<ArgumentException>(() => kernel.CheckBatch(p, Batch([[1]], [2], [])));   // no negatives
    }
}
