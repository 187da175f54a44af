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
    /// then syn0[x_w] += a_w·neu1e (a_w = 1, or 1/n for the mean — the true gradient, as gensim's cbow_mean, where
    /// word2vec.c adds the undivided neu1e). Unlike word2vec.c it keeps a negative equal to the target (word2vec.c
    /// skips it; the samplers redraw one), so the kernel is checked on that case too.</summary>
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
        grads.EnsureCapacity(1, D, kernel.CoefficientsPerExample(batch.NegativesPerExample));
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

    /// <summary>word2vec.c's hierarchical softmax (-hs 1), scalar, before its negative sampling when
    /// both are on: for each node of the target's path, f = neu1·syn1[point], g = (1 − code − σ(f))·alpha,
    /// neu1e += g·syn1[point], syn1[point] += g·neu1. syn1 is the output matrix from row
    /// <paramref name="nodeOffset"/>; with negatives, syn1neg its first V rows.</summary>
    private static double ReferenceHierarchical(double[] syn0, double[] outside, HuffmanTree tree, int nodeOffset, int[][] inputs, int[] targets,
        int[][]? negatives, double alpha)
    {
        double loss = 0;
        for (var b = 0; b < targets.Length; b++)
        {
            var neu1 = new double[D];
            var neu1e = new double[D];
            foreach (var x in inputs[b])
                for (var c = 0; c < D; c++) neu1[c] += syn0[x * D + c];
            var points = tree.Points(targets[b]).ToArray();
            var codes = tree.Codes(targets[b]).ToArray();
            for (var j = 0; j < points.Length; j++)
            {
                var l2 = (nodeOffset + points[j]) * D;
                double f = 0;
                for (var c = 0; c < D; c++) f += neu1[c] * outside[c + l2];
                var sigma = 1.0 / (1.0 + Math.Exp(-f));
                loss -= Math.Log(codes[j] == 0 ? sigma : 1 - sigma);
                var g = (1 - codes[j] - sigma) * alpha;
                for (var c = 0; c < D; c++) neu1e[c] += g * outside[c + l2];
                for (var c = 0; c < D; c++) outside[c + l2] += g * neu1[c];
            }
            if (negatives is not null)
                for (var d = 0; d <= negatives[b].Length; d++)
                {
                    var l2 = (d == 0 ? targets[b] : negatives[b][d - 1]) * D;
                    double f = 0;
                    for (var c = 0; c < D; c++) f += neu1[c] * outside[c + l2];
                    var sigma = 1.0 / (1.0 + Math.Exp(-f));
                    loss -= Math.Log(d == 0 ? sigma : 1 - sigma);
                    var g = ((d == 0 ? 1 : 0) - sigma) * alpha;
                    for (var c = 0; c < D; c++) neu1e[c] += g * outside[c + l2];
                    for (var c = 0; c < D; c++) outside[c + l2] += g * neu1[c];
                }
            foreach (var x in inputs[b])
                for (var c = 0; c < D; c++) syn0[x * D + c] += neu1e[c];
        }
        return loss;
    }

    private static HuffmanTree SkewedTree() => new(Enumerable.Range(0, V).Select(w => (long)(500 / (w + 1) + 1)).ToArray());

    [Theory]
    [InlineData(false, false)]   // skip-gram, -hs 1 -negative 0
    [InlineData(true, false)]    // CBOW (sum)
    [InlineData(false, true)]    // -hs 1 -negative 2: the path, then the samples
    [InlineData(true, true)]
    public void TheHierarchicalKernelIsWord2VecCsInnerLoop(bool cbow, bool withNegatives)
    {
        var rng = new Random(9);
        var tree = SkewedTree();
        var rows = withNegatives ? 2 * V - 1 : V - 1;
        var center = RandomMatrix(rng);
        var outside = Enumerable.Range(0, rows * D).Select(_ => 0.5 * (2 * rng.NextDouble() - 1)).ToArray();
        int[][] inputs = cbow ? [[1, 2, 3], [2, 4, 1], [5, 6, 2]] : [[1], [1], [2]];
        int[] targets = [8, 0, 8];            // a long path, the shortest, the long one again (shared nodes)
        int[][] negatives = [[0, 5], [3, 3], [8, 1]];

        var refCenter = (double[])center.Clone();
        var refOutside = (double[])outside.Clone();
        var refLoss = ReferenceHierarchical(refCenter, refOutside, tree, withNegatives ? V : 0, inputs, targets, withNegatives ? negatives : null, 0.3);

        var loss = withNegatives ? OutputLoss.HierarchicalSoftmaxAndNegativeSampling : OutputLoss.HierarchicalSoftmax;
        var kernel = new Word2VecKernel<double>(V, D, ContextCombine.Sum, loss, tree);
        Assert.Equal(rows, kernel.OutsideRows);
        var p = new EmbeddingArrays<double>(center, outside, V, D, rows);
        var batch = Batch(inputs, targets, withNegatives ? negatives : []);
        kernel.CheckBatch(p, batch);
        var got = kernel.TrainSequential(p, batch, 0, targets.Length, 0.3, true, kernel.CreateScratch());

        Assert.True(tree.Points(8).Length > tree.Points(0).Length);
        AssertClose(refCenter, center, 1e-13, "centre vectors");
        AssertClose(refOutside, outside, 1e-13, "output matrix");
        Assert.Equal(refLoss, got, 1e-12);
    }

    [Theory]
    [InlineData(OutputLoss.HierarchicalSoftmax)]
    [InlineData(OutputLoss.HierarchicalSoftmaxAndNegativeSampling)]
    public void WithABatchOfOneHierarchicalSequentialEqualsBatched(OutputLoss lossKind)
    {
        var rng = new Random(10);
        var tree = SkewedTree();
        var kernel = new Word2VecKernel<double>(V, D, ContextCombine.Sum, lossKind, tree);
        var rows = kernel.OutsideRows;
        var center = RandomMatrix(rng);
        var outside = Enumerable.Range(0, rows * D).Select(_ => 0.5 * (2 * rng.NextDouble() - 1)).ToArray();
        var batch = Batch([[4]], [7], lossKind == OutputLoss.HierarchicalSoftmax ? [] : [[0, 5, 8]]);

        var seq = new EmbeddingArrays<double>((double[])center.Clone(), (double[])outside.Clone(), V, D, rows);
        var seqLoss = kernel.TrainSequential(seq, batch, 0, 1, 0.4, true, kernel.CreateScratch());
        var bat = new EmbeddingArrays<double>((double[])center.Clone(), (double[])outside.Clone(), V, D, rows);
        var scratch = kernel.CreateScratch();
        var grads = new BatchedGradients<double>();
        grads.EnsureCapacity(1, D, kernel.CoefficientsPerExample(batch.NegativesPerExample));
        var batLoss = kernel.ComputeGradients(bat, batch, 0, 1, grads, scratch, true);
        kernel.ApplyGradients(bat, batch, grads, [scratch], 0.4);

        AssertClose(bat.Center, seq.Center, 1e-14, "centre vectors");
        AssertClose(bat.Outside, seq.Outside, 1e-14, "output matrix");
        Assert.Equal(batLoss, seqLoss, 1e-14);
        Assert.NotEqual(outside, seq.Outside);
    }

    [Fact]
    public void TheHottestRowsAreTheMostUsedTargetsAndNegatives()
    {
        var kernel = new Word2VecKernel<float>(8, 2, ContextCombine.Sum, OutputLoss.NegativeSampling);
        var batch = new KernelBatch(3, 1, [0, 0, 0], [1, 1, 1], [5, 2, 5], 2, [2, 7, 5, 1, 7, 7]);
        Assert.Equal(new[] { 5, 7, 2 }, kernel.HottestOutsideRows(batch, 3));
    }

    [Fact]
    public void TheHottestRowsOfHierarchicalSoftmaxAreTheTopOfTheTree()
    {
        var tree = SkewedTree();
        var kernel = new Word2VecKernel<float>(V, 2, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax, tree);
        var batch = new KernelBatch(3, 1, [0, 0, 0], [1, 1, 1], [8, 3, 6], 0, []);
        var hottest = kernel.HottestOutsideRows(batch, 2);
        Assert.Equal(tree.Points(8)[0], hottest[0]);   // the root: on every path
        Assert.Equal(V - 2, hottest[0]);
        Assert.Equal(2, hottest.Length);
        // With negative sampling too, the nodes sit after the V outside vectors.
        var both = new Word2VecKernel<float>(V, 2, ContextCombine.Sum, OutputLoss.HierarchicalSoftmaxAndNegativeSampling, tree);
        Assert.Equal(V + V - 2, both.HottestOutsideRows(new KernelBatch(3, 1, [0, 0, 0], [1, 1, 1], [8, 3, 6], 1, [0, 1, 2]), 1)[0]);
    }

    [Fact]
    public void AHierarchicalKernelNeedsTheVocabularysTree()
    {
        Assert.Throws<ArgumentException>(() => new Word2VecKernel<float>(V, D, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax));
        Assert.Throws<ArgumentException>(() => new Word2VecKernel<float>(V + 1, D, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax, SkewedTree()));
        Assert.Throws<ArgumentException>(() => new Word2VecKernel<float>(V, D, ContextCombine.Sum, OutputLoss.NegativeSampling, SkewedTree()));
    }
}
