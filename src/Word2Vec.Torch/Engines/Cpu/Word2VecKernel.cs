using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Word2Vec.Torch.Objective;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// word2vec on managed arrays, example by example, with the gradients of the Objective layer
/// (<see cref="Word2VecArchitecture"/>, <see cref="NegativeSamplingLoss"/>, <see cref="NaiveSoftmaxLoss"/>,
/// <see cref="HierarchicalSoftmaxLoss"/>).
/// Example b reads the rows x_bw of V (centre vectors) with mask m_bw, target t = t_b, negatives k_1..k_K:
/// <code>
///   h = Σ_w a_w v_{x_w},   a_w = m_w (Sum) or m_w / max(1, Σ_w' m_w') (Mean)       (skip-gram: h = v_c)
///   negative sampling, over the rows i ∈ [t, k_1, …, k_K] with labels y = [1, 0, …, 0]:
///     s_i = u_i·h      c_i = σ(s_i) − y_i      J = −log σ(s_t) − Σ_k log σ(−s_k)
///     ∂J/∂h = Σ_i c_i u_i          ∂J/∂u_i += c_i h
///   naive softmax, over every row j of U:
///     s_j = u_j·h      ŷ = softmax(s)      c_j = ŷ_j − [j = t]      J = −log ŷ_t
///     ∂J/∂h = Σ_j c_j u_j          ∂J/∂u_j = c_j h
///   hierarchical softmax, over the nodes n_j of t's path (rows offset + p_j) with branches c_j:
///     s_j = u_{n_j}·h      c_j' = σ(s_j) − (1 − c_j)      J = −Σ_j log σ((1 − 2c_j) s_j)
///     ∂J/∂h = Σ_j c_j' u_{n_j}     ∂J/∂u_{n_j} = c_j' h        (both with negative sampling: the path first, as word2vec.c)
///   ∂J/∂v_{x_w} += a_w ∂J/∂h
/// </code>
/// Two ways to apply a step of size lr to a range of examples:
/// <list type="bullet">
/// <item><b>Sequential</b> (<see cref="TrainSequential"/>, word2vec.c's inner loop): example by example,
/// and within an example sample by sample: s_i = u_i·h, c_i = σ(s_i) − y_i, ∂J/∂h += c_i u_i, then at
/// once u_i ← u_i − lr c_i h; after the last sample, v_{x_w} ← v_{x_w} − lr a_w ∂J/∂h. Each example
/// (and a row repeated inside one example) sees the updates made before it.</item>
/// <item><b>Batched</b> (<see cref="ComputeGradients"/> then <see cref="ApplyGradients"/>): every
/// gradient of the batch at the old parameters, then all applied (θ ← θ − lr ∂J/∂θ, J the summed
/// loss): the step of <c>SgdStep</c> and the tensor engine.</item>
/// </list>
/// With one example and no row repeated inside it, the two coincide.
/// The example ranges of one batch may run on several threads at once (Hogwild: the updates are
/// lock-free, as in word2vec.c and gensim). Indices are not checked per example: call
/// <see cref="CheckBatch"/> first.
/// </summary>
internal sealed class Word2VecKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sequential mode asks the cache for the rows of example b + this while it trains example b
    /// (the rows are random in matrices far larger than the caches; this hides most of the misses).</summary>
    private const int PrefetchDistance = 2;

    private readonly HuffmanTree? _tree;
    private readonly int _nodeOffset;

    /// <param name="tree">The vocabulary's tree, for the hierarchical-softmax losses (null otherwise).</param>
    public Word2VecKernel(int vocabSize, int dimension, ContextCombine combine, OutputLoss loss, HuffmanTree? tree = null)
    {
        if (vocabSize < 1) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "must be at least 1");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "must be at least 1");
        if (!Enum.IsDefined(combine)) throw new ArgumentOutOfRangeException(nameof(combine), combine, "unknown ContextCombine");
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown OutputLoss");
        var usesTree = loss is OutputLoss.HierarchicalSoftmax or OutputLoss.HierarchicalSoftmaxAndNegativeSampling;
        if (usesTree != tree is not null)
            throw new ArgumentException(usesTree ? $"{loss} needs the vocabulary's Huffman tree" : $"{loss} takes no tree", nameof(tree));
        if (tree is not null && tree.VocabSize != vocabSize)
            throw new ArgumentException($"the tree has {tree.VocabSize} words, the vocabulary {vocabSize}", nameof(tree));
        VocabSize = vocabSize;
        Dimension = dimension;
        Combine = combine;
        Loss = loss;
        _tree = tree;
        _nodeOffset = loss == OutputLoss.HierarchicalSoftmaxAndNegativeSampling ? vocabSize : 0;
        OutsideRows = loss switch
        {
            OutputLoss.HierarchicalSoftmax => vocabSize - 1,
            OutputLoss.HierarchicalSoftmaxAndNegativeSampling => 2 * vocabSize - 1,
            _ => vocabSize,
        };
    }

    public int VocabSize { get; }

    /// <summary>R, the rows of the output matrix this loss reads (see <see cref="Embeddings"/>).</summary>
    public int OutsideRows { get; }

    private bool UsesTree => _tree is not null;
    private bool UsesNegatives => Loss is OutputLoss.NegativeSampling or OutputLoss.HierarchicalSoftmaxAndNegativeSampling;

    /// <summary>The batched mode's coefficients per example: the path's (padded to its longest) and the K + 1 samples'.</summary>
    public int CoefficientsPerExample(int negatives) => (UsesTree ? _tree!.MaxDepth : 0) + (UsesNegatives ? negatives + 1 : 0);
    public int Dimension { get; }
    public ContextCombine Combine { get; }
    public OutputLoss Loss { get; }

    public KernelScratch<T> CreateScratch()
    {
        var scratch = new KernelScratch<T>(VocabSize, Dimension, Loss);
        if (UsesTree) scratch.EnsureSamples(_tree!.MaxDepth);
        return scratch;
    }

    /// <summary>Checks the batch against the parameters: its K fits the loss, every row id is in [0, V).
    /// One pass over the ids (O(B·(W + 1 + K))); the kernels then index without bounds checks.</summary>
    public void CheckBatch(EmbeddingArrays<T> p, in KernelBatch batch)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.VocabSize != VocabSize || p.Dimension != Dimension || p.OutsideRows != OutsideRows)
            throw new ArgumentException($"the parameters are [{p.VocabSize}, {p.Dimension}] and [{p.OutsideRows}, {p.Dimension}], the kernel was made for [{VocabSize}, {Dimension}] and [{OutsideRows}, {Dimension}].", nameof(p));
        if (UsesNegatives && batch.NegativesPerExample < 1)
            throw new ArgumentException("negative sampling needs K ≥ 1 negatives per example; the batch has none.", nameof(batch));
        var b = batch.Count;
        CheckIds(batch.Inputs.AsSpan(0, b * batch.Width), "inputs");
        CheckIds(batch.Targets.AsSpan(0, b), "targets");
        if (UsesNegatives) CheckIds(batch.Negatives.AsSpan(0, b * batch.NegativesPerExample), "negatives");
    }

    private void CheckIds(ReadOnlySpan<long> ids, string name)
    {
        var v = (ulong)VocabSize;
        foreach (var id in ids)
            if ((ulong)id >= v)
                throw new ArgumentOutOfRangeException(name, id, $"{name} holds {id}, which is not a row of the [{VocabSize}, {Dimension}] vectors.");
    }

    // ------------------------------------------------------------------ sequential (word2vec.c)

    /// <summary>Trains examples [start, end) one after another, in place. Returns their summed loss J
    /// (each example's at the parameters it saw) when <paramref name="wantLoss"/>, else 0.</summary>
    public double TrainSequential(EmbeddingArrays<T> p, in KernelBatch batch, int start, int end, T lr, bool wantLoss, KernelScratch<T> scratch)
    {
        var h = scratch.Hidden;
        var gradH = scratch.GradHidden;
        if (UsesNegatives) scratch.EnsureSamples(batch.NegativesPerExample + 1);
        double loss = 0;
        for (var b = start; b < end; b++)
        {
            if (b + PrefetchDistance < end) Prefetch(p, batch, b + PrefetchDistance, scratch);          // rows of a later example, into the cache
            ComputeHidden(p, batch, b, h);                                                  // h
            gradH.Clear();
            if (UsesTree) loss += HierarchicalSequential(p, (int)batch.Targets[b], h, gradH, lr, wantLoss, scratch);   // ∂J/∂h; u_n −= lr c h
            if (UsesNegatives) loss += NegativeSamplingSequential(p, batch, b, h, gradH, lr, wantLoss, scratch);   // ∂J/∂h; u_i −= lr c_i h
            else if (Loss == OutputLoss.NaiveSoftmax) loss += NaiveSoftmaxSequential(p, batch.Targets[b], h, gradH, lr, scratch.Scores);
            Backpropagate(p, batch, b, gradH, -lr);                                         // v_{x_w} −= lr a_w ∂J/∂h
        }
        return wantLoss ? loss : 0;
    }

    /// <summary>Asks the cache for the rows example b will read (a hint: never faults, and a row the
    /// garbage collector has moved meanwhile is only a wasted hint).</summary>
    private void Prefetch(EmbeddingArrays<T> p, in KernelBatch batch, int b, KernelScratch<T> scratch)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var W = batch.Width;
        for (var w = 0; w < W; w++) PrefetchRow(p.Row(p.Center, (int)batch.Inputs[b * W + w]));
        var target = (int)batch.Targets[b];
        if (UsesTree)
            foreach (var node in _tree!.Points(target)) PrefetchRow(OutsideRow(p, scratch, _nodeOffset + node));
        if (!UsesNegatives) return;
        PrefetchRow(OutsideRow(p, scratch, target));
        var K = batch.NegativesPerExample;
        for (var k = 0; k < K; k++) PrefetchRow(OutsideRow(p, scratch, (int)batch.Negatives[b * K + k]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRow(Span<T> row)
    {
        var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(row));
        var end = start + row.Length * sizeof(T);
        for (var a = (byte*)((nuint)start & ~(nuint)63); a < end; a += 64)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(a);
    }

    /// <summary>
    /// One example's negative sampling in word2vec.c's order (the target, then k_1..k_K), each sample
    /// scored and then applied at once:
    /// <code>  s_i = u_i·h    c_i = σ(s_i) − y_i    ∂J/∂h += c_i u_i    u_i ← u_i − lr c_i h  </code>
    /// h does not change during the example, so the K+1 scores are taken first (independent dot
    /// products, one vectorised σ); only a row that repeats an earlier row of the example has
    /// changed since, and its score is taken again just before its update, as word2vec.c's loop
    /// would. Returns the example's J (each term from the score its update used) when asked.
    /// </summary>
    private double NegativeSamplingSequential(EmbeddingArrays<T> p, in KernelBatch batch, int b, ReadOnlySpan<T> h, Span<T> gradH, T lr,
        bool wantLoss, KernelScratch<T> scratch)
    {
        var K = batch.NegativesPerExample;
        var negatives = batch.Negatives.AsSpan(b * K, K);
        var target = (int)batch.Targets[b];
        var s = scratch.Scores[..(K + 1)];
        var sigma = scratch.Sigmoids[..(K + 1)];
        s[0] = VectorOps.DotShort<T>(OutsideRow(p, scratch, target), h);                 // s_t = u_t·h
        for (var k = 0; k < K; k++)
            s[k + 1] = VectorOps.DotShort<T>(OutsideRow(p, scratch, (int)negatives[k]), h); // s_k = u_k·h
        TensorPrimitives.Sigmoid<T>(s, sigma);                                           // σ(s_i)

        double loss = 0;
        for (var i = 0; i <= K; i++)
        {
            var row = i == 0 ? target : (int)negatives[i - 1];
            var u = OutsideRow(p, scratch, row);
            if (i > 0 && RepeatsAnEarlierRow(row, target, negatives, i - 1))
            {
                s[i] = VectorOps.DotShort<T>(u, h);                                      // u_i changed: score it again
                sigma[i] = Scalars.Sigmoid(s[i]);
            }
            var c = i == 0 ? sigma[i] - T.One : sigma[i];                                // c_i = σ(s_i) − y_i
            VectorOps.SampleUpdate(u, h, gradH, c, -lr * c);                             // ∂J/∂h += c_i u_i (u_i before its update); u_i −= lr c_i h
            if (wantLoss)
            {
                var sd = double.CreateTruncating(s[i]);
                loss += Scalars.NegLogSigmoid(i == 0 ? sd : -sd);                        // −log σ(s_t) or −log σ(−s_k)
            }
        }
        return loss;
    }

    /// <summary>
    /// One example's hierarchical softmax in word2vec.c's order (the path from the root), each node
    /// scored and then applied at once:
    /// <code>  s_j = u_{n_j}·h    c_j' = σ(s_j) − (1 − c_j)    ∂J/∂h += c_j' u_{n_j}    u_{n_j} ← u_{n_j} − lr c_j' h  </code>
    /// The nodes of one path are distinct, so the scores are taken first (one vectorised σ).
    /// </summary>
    private double HierarchicalSequential(EmbeddingArrays<T> p, int target, ReadOnlySpan<T> h, Span<T> gradH, T lr, bool wantLoss, KernelScratch<T> scratch)
    {
        var points = _tree!.Points(target);
        var codes = _tree.Codes(target);
        var s = scratch.Scores[..points.Length];
        var sigma = scratch.Sigmoids[..points.Length];
        for (var j = 0; j < points.Length; j++)
            s[j] = VectorOps.DotShort<T>(OutsideRow(p, scratch, _nodeOffset + points[j]), h);   // s_j = u_{n_j}·h
        TensorPrimitives.Sigmoid<T>(s, sigma);
        double loss = 0;
        for (var j = 0; j < points.Length; j++)
        {
            var c = codes[j] == 0 ? sigma[j] - T.One : sigma[j];                          // σ(s_j) − (1 − c_j)
            VectorOps.SampleUpdate(OutsideRow(p, scratch, _nodeOffset + points[j]), h, gradH, c, -lr * c);
            if (wantLoss)
            {
                var sd = double.CreateTruncating(s[j]);
                loss += Scalars.NegLogSigmoid(codes[j] == 0 ? sd : -sd);                  // −log σ((1 − 2c_j) s_j)
            }
        }
        return loss;
    }

    /// <summary>u_row: the worker's copy if the row is hot (<see cref="HotRows{T}"/>), else the shared row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<T> OutsideRow(EmbeddingArrays<T> p, KernelScratch<T> scratch, int row)
    {
        if (scratch.Hot is { } hot && hot.SlotOf[row] is var slot && slot >= 0)
            return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(scratch.HotCopies), (nint)slot * p.Dimension), p.Dimension);
        return p.Row(p.Outside, row);
    }

    /// <summary>Is negative k the target or one of the negatives before it?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RepeatsAnEarlierRow(int row, int target, ReadOnlySpan<long> negatives, int k)
    {
        if (row == target) return true;
        for (var j = 0; j < k; j++)
            if (negatives[j] == row) return true;
        return false;
    }

    /// <summary>
    /// One example's naive softmax: every score at the current U, then row by row
    /// ∂J/∂h += c_j u_j and u_j ← u_j − lr c_j h (c_j = ŷ_j − [j = t]). Returns J = −log ŷ_t.
    /// </summary>
    private double NaiveSoftmaxSequential(EmbeddingArrays<T> p, long target, ReadOnlySpan<T> h, Span<T> gradH, T lr, Span<T> scores)
    {
        var loss = SoftmaxCoefficients(p, (int)target, h, scores);
        for (var j = 0; j < VocabSize; j++)
        {
            var u = p.Row(p.Outside, j);
            var c = scores[j];
            VectorOps.AddScaled(gradH, c, u);                           // ∂J/∂h += c_j u_j
            VectorOps.AddScaled(u, -lr * c, h);                         // u_j ← u_j − lr c_j h
        }
        return loss;
    }

    /// <summary>
    /// scores ← c = ŷ − y for all V rows; returns J = −log ŷ_t. With m = max_j s_j:
    /// <code>  s_j = u_j·h    ŷ_j = e^(s_j − m) / Σ_j' e^(s_j' − m)    −log ŷ_t = log Σ_j e^(s_j − m) − (s_t − m)  </code>
    /// </summary>
    private double SoftmaxCoefficients(EmbeddingArrays<T> p, int target, ReadOnlySpan<T> h, Span<T> scores)
    {
        var s = scores[..VocabSize];
        for (var j = 0; j < s.Length; j++) s[j] = VectorOps.Dot<T>(p.Row(p.Outside, j), h);    // s_j = u_j·h
        var m = TensorPrimitives.Max<T>(s);                                                    // m
        var shiftedTarget = s[target] - m;                                                     // s_t − m
        TensorPrimitives.Subtract(s, m, s);
        TensorPrimitives.Exp<T>(s, s);                                                         // e^(s_j − m)
        var z = TensorPrimitives.Sum<T>(s);                                                    // Σ_j e^(s_j − m)
        TensorPrimitives.Divide(s, z, s);                                                      // ŷ
        s[target] -= T.One;                                                                    // ŷ − y
        return Math.Log(double.CreateTruncating(z)) - double.CreateTruncating(shiftedTarget);
    }

    // ------------------------------------------------------------------ batched (the tensor engine's step)

    /// <summary>
    /// Phase 1 of a batched step, for examples [start, end): h_b, ∂J/∂h_b and (negative sampling)
    /// c_bi into <paramref name="grads"/>, (naive softmax) Σ_b c_bj h_b into this worker's
    /// <paramref name="scratch"/>. Reads the parameters only. Returns the summed loss when asked.
    /// Ranges of one batch may run in parallel, each with its own scratch.
    /// </summary>
    public double ComputeGradients(EmbeddingArrays<T> p, in KernelBatch batch, int start, int end, BatchedGradients<T> grads, KernelScratch<T> scratch, bool wantLoss)
    {
        var d = Dimension;
        var K = batch.NegativesPerExample;
        var slots = CoefficientsPerExample(K);
        var depth = UsesTree ? _tree!.MaxDepth : 0;
        double loss = 0;
        for (var b = start; b < end; b++)
        {
            var h = grads.Hidden.AsSpan(b * d, d);
            var gradH = grads.GradHidden.AsSpan(b * d, d);
            ComputeHidden(p, batch, b, h);                                                   // h_b
            gradH.Clear();
            var c = grads.Coefficients.AsSpan(b * slots, slots);
            if (UsesTree)
            {
                var target = (int)batch.Targets[b];
                var points = _tree!.Points(target);
                var codes = _tree.Codes(target);
                for (var j = 0; j < points.Length; j++)
                {
                    var u = p.Row(p.Outside, _nodeOffset + points[j]);
                    var s = VectorOps.Dot<T>(u, h);                                         // s_j = u_{n_j}·h_b
                    c[j] = Scalars.Sigmoid(s) - (codes[j] == 0 ? T.One : T.Zero);            // σ(s_j) − (1 − c_j)
                    VectorOps.AddScaled(gradH, c[j], u);                                    // ∂J/∂h_b += c_j' u_{n_j}
                    if (wantLoss)
                    {
                        var sd = double.CreateTruncating(s);
                        loss += Scalars.NegLogSigmoid(codes[j] == 0 ? sd : -sd);
                    }
                }
            }
            if (UsesNegatives)
            {
                var cn = c.Slice(depth, K + 1);
                for (var i = 0; i <= K; i++)
                {
                    var row = (int)(i == 0 ? batch.Targets[b] : batch.Negatives[b * K + i - 1]);
                    var u = p.Row(p.Outside, row);
                    var s = VectorOps.Dot<T>(u, h);                                         // s_i = u_i·h_b
                    cn[i] = Scalars.Sigmoid(s) - (i == 0 ? T.One : T.Zero);                 // c_i = σ(s_i) − y_i
                    VectorOps.AddScaled(gradH, cn[i], u);                                   // ∂J/∂h_b += c_i u_i
                    if (wantLoss)
                    {
                        var sd = double.CreateTruncating(s);
                        loss += Scalars.NegLogSigmoid(i == 0 ? sd : -sd);
                    }
                }
            }
            else if (Loss == OutputLoss.NaiveSoftmax)
            {
                var acc = (scratch.OutsideGradient ?? throw new InvalidOperationException(
                    "call ResetOutsideGradient on each worker's scratch before a naive-softmax batched step")).AsSpan();
                var coefficients = scratch.Scores;
                loss += SoftmaxCoefficients(p, (int)batch.Targets[b], h, coefficients);
                for (var j = 0; j < VocabSize; j++)
                {
                    var cj = coefficients[j];
                    VectorOps.AddScaled(gradH, cj, p.Row(p.Outside, j));                     // ∂J/∂h_b += c_j u_j
                    VectorOps.AddScaled(acc.Slice(j * d, d), cj, h);                         // ∂J/∂u_j += c_j h_b
                }
            }
        }
        return wantLoss ? loss : 0;
    }

    /// <summary>Before phase 1 of a naive-softmax batched step: zeroes a worker's ∂J/∂U accumulator (made on first use).</summary>
    public void ResetOutsideGradient(KernelScratch<T> scratch)
    {
        if (Loss != OutputLoss.NaiveSoftmax) return;
        if (scratch.OutsideGradient is null) scratch.OutsideGradient = new T[(long)VocabSize * Dimension];
        else Array.Clear(scratch.OutsideGradient);
    }

    /// <summary>
    /// Phase 2 of a batched step, after phase 1 has covered every example (one thread):
    /// u_i ← u_i − lr Σ_b c_bi h_b, v_{x_bw} ← v_{x_bw} − lr Σ_b a_bw ∂J/∂h_b.
    /// </summary>
    public void ApplyGradients(EmbeddingArrays<T> p, in KernelBatch batch, BatchedGradients<T> grads, ReadOnlySpan<KernelScratch<T>> scratches, T lr)
    {
        var d = Dimension;
        var K = batch.NegativesPerExample;
        var slots = CoefficientsPerExample(K);
        var depth = UsesTree ? _tree!.MaxDepth : 0;
        for (var b = 0; b < batch.Count; b++)
        {
            var gradH = grads.GradHidden.AsSpan(b * d, d);
            var h = grads.Hidden.AsSpan(b * d, d);
            var c = grads.Coefficients.AsSpan(b * slots, slots);
            if (UsesTree)
            {
                var points = _tree!.Points((int)batch.Targets[b]);
                for (var j = 0; j < points.Length; j++)
                    VectorOps.AddScaled(p.Row(p.Outside, _nodeOffset + points[j]), -lr * c[j], h);   // u_{n_j} −= lr c_j' h_b
            }
            if (UsesNegatives)
                for (var i = 0; i <= K; i++)
                {
                    var row = (int)(i == 0 ? batch.Targets[b] : batch.Negatives[b * K + i - 1]);
                    VectorOps.AddScaled(p.Row(p.Outside, row), -lr * c[depth + i], h);     // u_i −= lr c_bi h_b
                }
            Backpropagate(p, batch, b, gradH, -lr);                                         // v_{x_bw} −= lr a_bw ∂J/∂h_b
        }
        if (Loss == OutputLoss.NaiveSoftmax)
            foreach (var scratch in scratches)
                if (scratch.OutsideGradient is { } acc)
                    VectorOps.AddScaled(p.Outside.AsSpan(), -lr, acc);                      // U −= lr ∂J/∂U
    }

    /// <summary>
    /// The <paramref name="count"/> rows of U that the batch's examples touch most (ties: the lower row):
    /// the targets and negatives of negative sampling, the path nodes of hierarchical softmax
    /// (whose root every example touches). None for naive softmax, which touches every row.
    /// </summary>
    public int[] HottestOutsideRows(in KernelBatch batch, int count)
    {
        var counts = new int[OutsideRows];
        for (var b = 0; b < batch.Count; b++)
        {
            if (UsesTree)
                foreach (var node in _tree!.Points((int)batch.Targets[b])) counts[_nodeOffset + node]++;
            if (UsesNegatives) counts[batch.Targets[b]]++;
        }
        if (UsesNegatives)
            foreach (var k in batch.Negatives.AsSpan(0, batch.Count * batch.NegativesPerExample)) counts[k]++;
        return Enumerable.Range(0, OutsideRows).Where(r => counts[r] > 0)
            .OrderByDescending(r => counts[r]).ThenBy(r => r).Take(count).ToArray();
    }

    // ------------------------------------------------------------------ the hidden layer

    /// <summary>The weight a_w of input w of example b, or 0 for padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Weight(in KernelBatch batch, int b, int w, T meanScale)
    {
        var m = T.CreateTruncating(batch.InputMask[b * batch.Width + w]);
        return Combine == ContextCombine.Mean ? m * meanScale : m;
    }

    /// <summary>Mean: 1 / max(1, Σ_w m_w); Sum: 1 (unused).</summary>
    private T MeanScale(in KernelBatch batch, int b)
    {
        if (Combine != ContextCombine.Mean) return T.One;
        var W = batch.Width;
        var n = T.Zero;
        for (var w = 0; w < W; w++) n += T.CreateTruncating(batch.InputMask[b * W + w]);
        return T.One / T.Max(n, T.One);
    }

    /// <summary>h = Σ_w a_w v_{x_w} (padding skipped; an example without real inputs gets h = 0).</summary>
    private void ComputeHidden(EmbeddingArrays<T> p, in KernelBatch batch, int b, Span<T> h)
    {
        var W = batch.Width;
        if (W == 1 && batch.InputMask[b] == 1f)
        {
            p.Row(p.Center, (int)batch.Inputs[b]).CopyTo(h);                                 // skip-gram: h = v_c
            return;
        }
        var scale = MeanScale(batch, b);
        h.Clear();
        for (var w = 0; w < W; w++)
        {
            var a = Weight(batch, b, w, scale);
            if (a == T.Zero) continue;
            VectorOps.AddScaled(h, a, p.Row(p.Center, (int)batch.Inputs[b * W + w]));       // h += a_w v_{x_w}
        }
    }

    /// <summary>v_{x_w} ← v_{x_w} + step·a_w·g for each real input w of example b (step = −lr).</summary>
    private void Backpropagate(EmbeddingArrays<T> p, in KernelBatch batch, int b, ReadOnlySpan<T> g, T step)
    {
        var W = batch.Width;
        var scale = MeanScale(batch, b);
        for (var w = 0; w < W; w++)
        {
            var a = Weight(batch, b, w, scale);
            if (a == T.Zero) continue;
            VectorOps.AddScaled(p.Row(p.Center, (int)batch.Inputs[b * W + w]), step * a, g);
        }
    }
}
