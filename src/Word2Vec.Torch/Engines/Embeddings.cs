using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines;

/// <summary>
/// The parameters: centre vectors v [V, d] (the word vectors users keep) and the output matrix U
/// [R, d], on one device in one dtype. R = V for negative sampling and naive softmax (one outside
/// vector a word); hierarchical softmax keeps its tree's V − 1 inner-node vectors there (R = V − 1),
/// and with negative sampling both, the outside vectors first (R = 2V − 1).
/// </summary>
public sealed class Embeddings : IDisposable
{
    public Tensor CenterVectors { get; }
    public Tensor OutsideVectors { get; }

    public long VocabSize => CenterVectors.shape[0];
    public long Dimension => CenterVectors.shape[1];

    /// <summary>R, the rows of the output matrix.</summary>
    public long OutsideRows => OutsideVectors.shape[0];
    public ScalarType Dtype => CenterVectors.dtype;

    public Embeddings(Tensor centerVectors, Tensor outsideVectors)
    {
        if (centerVectors.ndim != 2 || outsideVectors.ndim != 2 || centerVectors.shape[1] != outsideVectors.shape[1] || outsideVectors.shape[0] < 1)
            throw new ArgumentException(
                $"the centre vectors must be [V, d] and the output matrix [R, d]; got [{string.Join(",", centerVectors.shape)}] and [{string.Join(",", outsideVectors.shape)}].");
        CenterVectors = centerVectors.DetachFromDisposeScope();
        OutsideVectors = outsideVectors.DetachFromDisposeScope();
    }

    /// <summary>
    /// The assignment's (and word2vec.c's) start: v = (U[0,1) − 0.5) / d, u = 0. Drawn on the CPU
    /// from a generator seeded with <paramref name="seed"/>, so every device starts from the same numbers.
    /// </summary>
    /// <param name="outsideRows">R, the output matrix's rows (default V).</param>
    /// <param name="blockRows">Rows drawn at a time: the generator's stream is the same in blocks (the
    /// CPU draws one value after the other), and the float64 draws stay a block, not a [V, d] matrix.</param>
    public static Embeddings Initialize(long vocabSize, int dimension, ScalarType dtype, Device device, long seed, long? outsideRows = null,
        long blockRows = 4096)
    {
        if (vocabSize < 2) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "a vocabulary needs at least 2 words");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "the dimension must be at least 1");
        if (blockRows < 1) throw new ArgumentOutOfRangeException(nameof(blockRows), blockRows, "must be at least 1");
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        using var half = 0.5.ToScalar();
        using var d = dimension.ToScalar();
        var center = torch.empty(vocabSize, dimension, dtype, device);
        for (long r = 0; r < vocabSize; r += blockRows)
        {
            using var block = torch.NewDisposeScope();
            var n = Math.Min(blockRows, vocabSize - r);
            var uniform = torch.rand(n, dimension, ScalarType.Float64, generator: generator);
            center.narrow(0, r, n).copy_(uniform.sub_(half).div_(d));   // copy_ converts to the dtype and device
        }
        var outside = torch.zeros(outsideRows ?? vocabSize, dimension, dtype, device);
        return new Embeddings(center, outside);
    }

    /// <summary>A copy of the parameters now, as new embeddings the caller owns (on the same device).</summary>
    public Embeddings Clone()
    {
        using var scope = torch.NewDisposeScope();
        return new Embeddings(CenterVectors.detach().clone(), OutsideVectors.detach().clone());
    }

    /// <summary>True when every parameter is finite.</summary>
    public bool IsFinite() => AllFinite(CenterVectors) && AllFinite(OutsideVectors);

    /// <summary>isfinite over blocks of rows of about a million values: its temporaries (|x|, x == x,
    /// their bool masks) stay a few MB instead of several copies of the matrix, which the native
    /// allocator would keep.</summary>
    private static bool AllFinite(Tensor m)
    {
        var rows = Math.Max(1, (1L << 20) / Math.Max(1, m.shape[1]));
        for (long r = 0; r < m.shape[0]; r += rows)
        {
            using var scope = torch.NewDisposeScope();
            if (!m.narrow(0, r, Math.Min(rows, m.shape[0] - r)).isfinite().all().cpu().item<bool>()) return false;
        }
        return true;
    }

    public void Dispose()
    {
        CenterVectors.Dispose();
        OutsideVectors.Dispose();
    }
}
