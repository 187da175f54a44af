using TorchSharp;
using Word2Vec.Torch.Objective.Cs224n;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.GradientChecking;

/// <summary>
/// Every hand-derived gradient of the math layer, checked with <see cref="GradientChecker"/>
/// (against autograd and centred finite differences, in float64) at random points drawn from a seed:
/// the per-pair losses, the skip-gram and CBOW windows, the batched losses and the batched
/// architecture (skip-gram and CBOW, with every loss: naive softmax, negative sampling,
/// hierarchical softmax, and the last two together). The CS224N assignment's gradcheck, extended.
/// </summary>
public static class GradientChecks
{
    public static IReadOnlyList<GradCheckRow> RunAll(long seed)
    {
        var rng = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var rows = new List<GradCheckRow>();
        using var scope = torch.NewDisposeScope();
        using var owned = new Owned();   // the losses keep tensors of their own, outside any scope

        // ---- per-pair losses: J(v_c, o, U)
        {
            const int V = 5, d = 3;
            var centerWordVec = RandomTensor(rng, d);
            var outsideVectors = RandomTensor(rng, V, d);
            var o = rng.Next(V);
            rows.AddRange(GradientChecker.Check("naive softmax", new[] { "centerWordVec", "outsideVectors" },
                new[] { centerWordVec, outsideVectors },
                ps => Pair(NaiveSoftmax.LossAndGradient(ps[0], o, ps[1]))));
        }
        {
            const int V = 8, d = 3, K = 4;
            var centerWordVec = RandomTensor(rng, d);
            var outsideVectors = RandomTensor(rng, V, d);
            var o = rng.Next(V);
            var negatives = torch.tensor(Enumerable.Range(0, V).Where(w => w != o).OrderBy(_ => rng.Next()).Take(K).Select(w => (long)w).ToArray());
            rows.AddRange(GradientChecker.Check("negative sampling", new[] { "centerWordVec", "outsideVectors" },
                new[] { centerWordVec, outsideVectors },
                ps => Pair(NegativeSampling.LossAndGradient(ps[0], o, ps[1], negatives))));
        }
        {
            // K > V, so words repeat; one sample equals the outside word itself.
            const int V = 4, d = 3, K = 7;
            var centerWordVec = RandomTensor(rng, d);
            var outsideVectors = RandomTensor(rng, V, d);
            var o = rng.Next(V);
            var samples = RandomIndices(rng, K, V);
            samples[0] = samples[1];
            samples[2] = o;
            var negatives = torch.tensor(samples);
            rows.AddRange(GradientChecker.Check("negative sampling (repeated negatives)", new[] { "centerWordVec", "outsideVectors" },
                new[] { centerWordVec, outsideVectors },
                ps => Pair(NegativeSampling.LossAndGradient(ps[0], o, ps[1], negatives))));
        }

        {
            // A tree over skewed counts: paths of different lengths.
            const int V = 7, d = 3;
            var tree = new HuffmanTree(new long[] { 40, 3, 17, 1, 9, 9, 2 });
            var centerWordVec = RandomTensor(rng, d);
            var nodeVectors = RandomTensor(rng, V - 1, d);
            var o = rng.Next(V);
            rows.AddRange(GradientChecker.Check("hierarchical softmax", new[] { "centerWordVec", "nodeVectors" },
                new[] { centerWordVec, nodeVectors },
                ps => Pair(HierarchicalSoftmax.LossAndGradient(ps[0], o, ps[1], tree))));
        }

        // ---- windows: skip-gram and CBOW over [V,d] matrices
        {
            const int V = 6, d = 3, K = 3;
            var centerWordVectors = RandomTensor(rng, V, d);
            var outsideVectors = RandomTensor(rng, V, d);
            var c = rng.Next(V);
            var window = RandomIndices(rng, 4, V);
            window[3] = window[0];                                   // a repeated outside/context word
            var negatives = torch.tensor(RandomIndices(rng, window.Length * K, V), new long[] { window.Length, K });
            var losses = new (string Name, PairLoss Loss, Tensor Output, long? Words)[]
            {
                ("naive softmax", PairLosses.NaiveSoftmax, outsideVectors, null),
                ("negative sampling", PairLosses.NegativeSampling(negatives), outsideVectors, null),
                ("hierarchical softmax", PairLosses.HierarchicalSoftmax(new HuffmanTree(SkewedCounts(V))), RandomTensor(rng, V - 1, d), V),
            };
            foreach (var (name, loss, output, words) in losses)
            {
                var names = new[] { "centerWordVectors", words is null ? "outsideVectors" : "nodeVectors" };
                var point = new[] { centerWordVectors, output };
                rows.AddRange(GradientChecker.Check($"skip-gram window ({name})", names, point,
                    ps => Window(SkipGram.Window(c, window, ps[0], ps[1], loss, words))));
                foreach (var combine in new[] { ContextCombine.Sum, ContextCombine.Mean })
                    rows.AddRange(GradientChecker.Check($"CBOW window ({Lower(combine)}, {name})", names, point,
                        ps => Window(Cbow.Window(c, window, combine, ps[0], ps[1], loss, words))));
            }
        }

        // ---- batched losses: J(H, targets, U, negatives)
        {
            const int B = 4, V = 6, d = 3, K = 5;
            var hidden = RandomTensor(rng, B, d);
            var targets = torch.tensor(RandomIndices(rng, B, V));
            var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
            var names = new[] { "hidden", "outsideVectors" };
            foreach (var (name, loss, outputRows) in Losses(V, owned))
            {
                var point = new[] { hidden, RandomTensor(rng, outputRows, d) };
                rows.AddRange(GradientChecker.Check($"batched {name} loss", names, point, ps =>
                {
                    var r = loss.Forward(ps[0], targets, ps[1], negatives);
                    return (r.Loss, new[] { r.GradHidden, RowGradients.Dense(r.OutsideRows, r.OutsideRowGrads, outputRows) });
                }));
            }
        }

        // ---- the batched architecture: skip-gram (W = 1) and CBOW (W = 4, with padding)
        {
            const int B = 5, V = 7, d = 3, K = 4, W = 4;
            var centerVectors = RandomTensor(rng, V, d);
            var targets = torch.tensor(RandomIndices(rng, B, V));
            var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
            var skipGramInputs = torch.tensor(RandomIndices(rng, B, V), new long[] { B, 1 });
            var skipGramMask = torch.ones(B, 1, dtype: ScalarType.Float64);
            var cbowInputs = torch.tensor(RandomIndices(rng, B * W, V), new long[] { B, W });
            var maskValues = new double[B * W];
            for (var b = 0; b < B; b++)
            {
                var real = 1 + b % W;                                // 1..W real words, the rest padding
                for (var w = 0; w < real; w++) maskValues[b * W + w] = 1;
            }
            var cbowMask = torch.tensor(maskValues, new long[] { B, W });
            var names = new[] { "centerVectors", "outsideVectors" };

            var architectures = new List<(string Name, ContextCombine Combine, Tensor Inputs, Tensor Mask)>
            {
                ("skip-gram", ContextCombine.Sum, skipGramInputs, skipGramMask),
                ("CBOW sum", ContextCombine.Sum, cbowInputs, cbowMask),
                ("CBOW mean", ContextCombine.Mean, cbowInputs, cbowMask),
            };
            foreach (var (archName, combine, inputs, mask) in architectures)
                foreach (var (lossName, loss, outputRows) in Losses(V, owned))
                {
                    var architecture = new Word2VecArchitecture(combine, loss);
                    var point = new[] { centerVectors, RandomTensor(rng, outputRows, d) };
                    rows.AddRange(GradientChecker.Check($"batched {archName} ({lossName})", names, point, ps =>
                    {
                        var step = architecture.Forward(ps[0], ps[1], inputs, mask, targets, negatives);
                        return (step.Loss, new[] { step.DenseCenterGradient(V), step.DenseOutsideGradient(outputRows) });
                    }));
                }

            // Skip-gram over the windows of CBOW's batch, the window's negatives shared by its pairs (loss.shareNegatives).
            var shared = new SharedNegativesSkipGram(owned.Add(new NegativeSamplingLoss()));
            rows.AddRange(GradientChecker.Check("batched skip-gram, shared negatives", names, new[] { centerVectors, RandomTensor(rng, V, d) }, ps =>
            {
                var step = shared.Forward(ps[0], ps[1], cbowInputs, cbowMask, targets, negatives);
                return (step.Loss, new[] { step.DenseCenterGradient(V), step.DenseOutsideGradient(V) });
            }));
        }
        return rows;
    }

    /// <summary>The output losses over V words, with the rows of the output matrix each needs: V, V, the
    /// tree's V − 1 nodes, and V outside vectors then the nodes for the two together.</summary>
    private static IEnumerable<(string Name, IOutputLoss Loss, long OutputRows)> Losses(int v, Owned owned)
    {
        var tree = new HuffmanTree(SkewedCounts(v));
        return new (string, IOutputLoss, long)[]
        {
            ("naive softmax", owned.Add(new NaiveSoftmaxLoss()), v),
            ("negative sampling", owned.Add(new NegativeSamplingLoss()), v),
            ("hierarchical softmax", owned.Add(new HierarchicalSoftmaxLoss(tree)), v - 1),
            ("hierarchical softmax + negative sampling", owned.Add(new SumOfLosses(new HierarchicalSoftmaxLoss(tree, nodeOffset: v), new NegativeSamplingLoss(v))), 2 * v - 1),
        };
    }

    /// <summary>What the checks made and dispose when they end.</summary>
    private sealed class Owned : IDisposable
    {
        private readonly List<IDisposable> _items = [];

        public T Add<T>(T item) where T : IDisposable
        {
            _items.Add(item);
            return item;
        }

        public void Dispose()
        {
            foreach (var item in _items) item.Dispose();
        }
    }

    /// <summary>Counts that make a tree with paths of several lengths.</summary>
    private static long[] SkewedCounts(int v) => Enumerable.Range(0, v).Select(i => (long)(1 + (i * 7919 % 13) * (i % 3 + 1))).ToArray();

    private static (Tensor, IReadOnlyList<Tensor>) Pair(PairLossGradients r) => (r.Loss, new[] { r.GradCenterVec, r.GradOutsideVecs });

    private static (Tensor, IReadOnlyList<Tensor>) Window(WindowLossGradients r) => (r.Loss, new[] { r.GradCenterVecs, r.GradOutsideVectors });

    private static string Lower(ContextCombine combine) => combine.ToString().ToLowerInvariant();

    /// <summary>Uniform in [−1, 1), float64 on the CPU (the checker works there).</summary>
    private static Tensor RandomTensor(Random rng, params long[] shape)
    {
        var values = new double[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++) values[i] = 2 * rng.NextDouble() - 1;
        return torch.tensor(values, shape);
    }

    private static long[] RandomIndices(Random rng, int count, int upper) =>
        Enumerable.Range(0, count).Select(_ => (long)rng.Next(upper)).ToArray();
}
