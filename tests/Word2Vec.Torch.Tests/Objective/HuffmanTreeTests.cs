using Word2Vec.Torch.Objective;

namespace Word2Vec.Torch.Tests.Objective;

/// <summary>The Huffman tree of hierarchical softmax: word2vec.c's tree on a case worked by hand, and
/// the properties of any Huffman code on random counts.</summary>
public class HuffmanTreeTests
{
    [Fact]
    public void ASmallTreeIsTheOneWord2VecCBuilds()
    {
        // Counts 5, 3, 2, 1 (CreateBinaryTree, by hand): node 4 = {3, 2} (count 3); the tie 3 = 3 takes
        // the inner node 4 first, so node 5 = {4, 1} (6); the root 6 = {0, 5}. min2 of each merge is branch 1.
        var tree = new HuffmanTree([5, 3, 2, 1]);
        Assert.Equal(3, tree.InnerNodes);
        Assert.Equal(3, tree.MaxDepth);
        Assert.Equal(new[] { 2 }, tree.Points(0).ToArray());
        Assert.Equal(new byte[] { 0 }, tree.Codes(0).ToArray());
        Assert.Equal(new[] { 2, 1 }, tree.Points(1).ToArray());
        Assert.Equal(new byte[] { 1, 1 }, tree.Codes(1).ToArray());
        Assert.Equal(new[] { 2, 1, 0 }, tree.Points(2).ToArray());
        Assert.Equal(new byte[] { 1, 0, 1 }, tree.Codes(2).ToArray());
        Assert.Equal(new[] { 2, 1, 0 }, tree.Points(3).ToArray());
        Assert.Equal(new byte[] { 1, 0, 0 }, tree.Codes(3).ToArray());
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(17, 2)]
    [InlineData(500, 3)]
    public void TheCodeIsAnOptimalPrefixCodeOverTheInnerNodes(int v, int seed)
    {
        var rng = new Random(seed);
        var counts = Enumerable.Range(0, v).Select(_ => (long)Math.Exp(rng.NextDouble() * 10)).ToArray();
        var tree = new HuffmanTree(counts);
        var codes = Enumerable.Range(0, v).Select(w => string.Concat(tree.Codes(w).ToArray().Select(c => (char)('0' + c)))).ToArray();
        // Prefix-free and complete: no code starts another, and Σ 2^−L = 1 (Kraft's equality of a full binary tree).
        for (var a = 0; a < v; a++)
            for (var b = 0; b < v; b++)
                if (a != b) Assert.False(codes[b].StartsWith(codes[a], StringComparison.Ordinal), $"{codes[a]} is a prefix of {codes[b]}");
        Assert.Equal(1.0, codes.Sum(c => Math.Pow(2, -c.Length)), 12);
        // Optimal: Σ count·L equals the sum of every merge's count (the Huffman cost, here from a priority queue).
        var queue = new PriorityQueue<long, long>();
        foreach (var c in counts) queue.Enqueue(c, c);
        long cost = 0;
        while (queue.Count > 1)
        {
            var merged = queue.Dequeue() + queue.Dequeue();
            cost += merged;
            queue.Enqueue(merged, merged);
        }
        Assert.Equal(cost, Enumerable.Range(0, v).Sum(w => counts[w] * (long)codes[w].Length));
        // Every path starts at the root, V − 2, and visits inner nodes only; the same code means the same nodes.
        for (var w = 0; w < v; w++)
        {
            Assert.Equal(v - 2, tree.Points(w)[0]);
            Assert.All(tree.Points(w).ToArray(), p => Assert.InRange(p, 0, v - 2));
            Assert.Equal(tree.Points(w).Length, tree.Codes(w).Length);
        }
        Assert.Equal(codes.Max(c => c.Length), tree.MaxDepth);
    }

    [Fact]
    public void AnUnsortedVocabularyGetsTheTreeOfItsSortedOrder()
    {
        long[] sorted = [40, 30, 10, 9, 2, 1];   // distinct: ties are broken by id
        int[] permutation = [3, 0, 5, 1, 4, 2];   // word i of the shuffled vocabulary is word permutation[i] of the sorted one
        var shuffled = permutation.Select(i => sorted[i]).ToArray();
        var a = new HuffmanTree(sorted);
        var b = new HuffmanTree(shuffled);
        for (var i = 0; i < permutation.Length; i++)
        {
            Assert.Equal(a.Points(permutation[i]).ToArray(), b.Points(i).ToArray());
            Assert.Equal(a.Codes(permutation[i]).ToArray(), b.Codes(i).ToArray());
        }
    }

    [Fact]
    public void ThePaddedPathsHoldEveryPathAndMaskThePadding()
    {
        var tree = new HuffmanTree([5, 3, 2, 1]);
        var (points, labels, mask) = tree.Padded();
        Assert.Equal(new long[] { 2, 0, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0 }, points);
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1 }, labels);   // 1 − code on the path
        Assert.Equal(new float[] { 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1 }, mask);
        Assert.Throws<ArgumentException>(() => new HuffmanTree([7]));
    }
}
