namespace Word2Vec.Torch.Objective;

/// <summary>
/// word2vec.c's binary Huffman tree over the vocabulary (CreateBinaryTree), for hierarchical
/// softmax: the V words are the leaves, the V − 1 inner nodes are numbered 0..V−2 with the root
/// V − 2, and word w's path from the root is the nodes p_w1 … p_wL (<see cref="Points"/>) with the
/// branch c_wj ∈ {0, 1} taken at each (<see cref="Codes"/>). Frequent words get short paths. The
/// two least frequent pending nodes are merged first; between a leaf and an inner node of equal
/// count the inner node is taken, as in word2vec.c; words are ordered by count (descending, ties
/// by id) before the merging, so an unsorted vocabulary gets the tree of its sorted order.
/// </summary>
public sealed class HuffmanTree
{
    private readonly int[][] _points;
    private readonly byte[][] _codes;

    /// <param name="counts">Word counts by id (V ≥ 2; a count of 0 is taken as 0).</param>
    public HuffmanTree(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var v = counts.Count;
        if (v < 2) throw new ArgumentException($"a Huffman tree needs at least 2 words, got {v}", nameof(counts));
        // Leaves in word2vec.c's order: count descending (ties by id); position i ↔ word order[i].
        var order = Enumerable.Range(0, v).OrderByDescending(w => Math.Max(0, counts[w])).ThenBy(w => w).ToArray();
        var count = new long[2 * v - 1];
        for (var i = 0; i < v; i++) count[i] = Math.Max(0, counts[order[i]]);
        for (var i = v; i < count.Length; i++) count[i] = long.MaxValue;
        var parent = new int[2 * v - 1];
        var branch = new byte[2 * v - 1];
        int pos1 = v - 1, pos2 = v;
        int Smallest() => pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
        for (var a = 0; a < v - 1; a++)
        {
            var min1 = Smallest();
            var min2 = Smallest();
            count[v + a] = count[min1] + count[min2];
            parent[min1] = v + a;
            parent[min2] = v + a;
            branch[min2] = 1;
        }
        _points = new int[v][];
        _codes = new byte[v][];
        var root = 2 * v - 2;
        var path = new List<int>();
        for (var i = 0; i < v; i++)
        {
            path.Clear();
            for (var node = i; node != root; node = parent[node]) path.Add(node);   // leaf up to (not including) the root
            var depth = path.Count;
            var points = new int[depth];
            var codes = new byte[depth];
            // From the root down: node j of the path is the parent of path[depth − 1 − j].
            for (var j = 0; j < depth; j++)
            {
                var below = path[depth - 1 - j];
                points[j] = parent[below] - v;          // inner node index 0..V−2
                codes[j] = branch[below];
            }
            _points[order[i]] = points;
            _codes[order[i]] = codes;
        }
        VocabSize = v;
        MaxDepth = _points.Max(p => p.Length);
    }

    /// <summary>V, the leaves.</summary>
    public int VocabSize { get; }

    /// <summary>V − 1 inner nodes.</summary>
    public int InnerNodes => VocabSize - 1;

    /// <summary>L, the longest path.</summary>
    public int MaxDepth { get; }

    /// <summary>The inner nodes on word <paramref name="word"/>'s path, from the root.</summary>
    public ReadOnlySpan<int> Points(int word) => _points[word];

    /// <summary>The branch taken at each node of the path (0 or 1).</summary>
    public ReadOnlySpan<byte> Codes(int word) => _codes[word];

    /// <summary>Every path padded to <see cref="MaxDepth"/>: points [V·L], the labels 1 − code [V·L] and
    /// a mask [V·L] (1 on the path, 0 on padding, whose point is node 0).</summary>
    public (long[] Points, float[] Labels, float[] Mask) Padded()
    {
        var l = MaxDepth;
        var points = new long[VocabSize * l];
        var labels = new float[VocabSize * l];
        var mask = new float[VocabSize * l];
        for (var w = 0; w < VocabSize; w++)
            for (var j = 0; j < _points[w].Length; j++)
            {
                points[w * l + j] = _points[w][j];
                labels[w * l + j] = 1 - _codes[w][j];
                mask[w * l + j] = 1;
            }
        return (points, labels, mask);
    }
}
