using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Argument checks for the math layer, done in managed code before any libtorch call, so that a bad
/// shape, dtype, device or index gives an <see cref="ArgumentException"/> naming the argument
/// instead of a libtorch error (or, for an index, silent garbage on some devices).
/// </summary>
internal static class Validate
{
    internal static void NotNull(Tensor? t, string name)
    {
        if (t is null) throw new ArgumentNullException(name);
    }

    internal static bool IsFloating(ScalarType t) =>
        t is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16;

    /// <summary>A floating tensor of the given rank.</summary>
    internal static void Floating(Tensor? t, string name, int rank)
    {
        NotNull(t, name);
        if (!IsFloating(t!.dtype))
            throw new ArgumentException($"{name} must be a floating-point tensor, got {t.dtype}.", name);
        if (t.ndim != rank)
            throw new ArgumentException($"{name} must have {rank} dimension(s), got shape {Shape(t)}.", name);
    }

    /// <summary>An int64 tensor of the given rank.</summary>
    internal static void Indices(Tensor? t, string name, int rank)
    {
        NotNull(t, name);
        if (t!.dtype != ScalarType.Int64)
            throw new ArgumentException($"{name} must be an int64 tensor, got {t.dtype}.", name);
        if (t.ndim != rank)
            throw new ArgumentException($"{name} must have {rank} dimension(s), got shape {Shape(t)}.", name);
    }

    internal static void Size(Tensor t, string name, int dim, long expected, string what)
    {
        if (t.size(dim) != expected)
            throw new ArgumentException($"{name} has size {t.size(dim)} in dimension {dim} (shape {Shape(t)}); it must equal {what} ({expected}).", name);
    }

    internal static void NonEmpty(Tensor t, string name, int dim, string what)
    {
        if (t.size(dim) == 0)
            throw new ArgumentException($"{name} is empty (shape {Shape(t)}): {what} must be at least 1.", name);
    }

    /// <summary>Same device (type and index); <c>Device</c> has no value equality, so compare the parts.</summary>
    internal static void SameDevice(Tensor t, string name, Tensor reference, string referenceName)
    {
        if (t.device_type != reference.device_type || t.device_index != reference.device_index)
            throw new ArgumentException($"{name} is on {t.device_type}:{t.device_index} but {referenceName} is on {reference.device_type}:{reference.device_index}.", name);
    }

    internal static void SameDtype(Tensor t, string name, Tensor reference, string referenceName)
    {
        if (t.dtype != reference.dtype)
            throw new ArgumentException($"{name} is {t.dtype} but {referenceName} is {reference.dtype}; they must match.", name);
    }

    internal static void Index(long index, string name, long count, string what)
    {
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(name, index, $"{name} = {index} is not a row of {what} (0 ≤ index < {count}).");
    }

    /// <summary>
    /// Every value of each index tensor in [0, count). The minima and maxima of all the tensors
    /// come back to the host in one transfer (one device synchronisation for the whole check).
    /// </summary>
    internal static void IndicesInRange(long count, string what, params (Tensor Indices, string Name)[] tensors)
    {
        var checkedOnes = tensors.Where(x => x.Indices.numel() > 0).ToArray();
        if (checkedOnes.Length == 0) return;
        long[] extremes;
        using (var scope = torch.NewDisposeScope())
        {
            var parts = new List<Tensor>();
            foreach (var (indices, _) in checkedOnes) { parts.Add(indices.min()); parts.Add(indices.max()); }
            using var host = torch.stack(parts).cpu().data<long>();
            extremes = host.ToArray();
        }
        for (var i = 0; i < checkedOnes.Length; i++)
        {
            var (min, max) = (extremes[2 * i], extremes[2 * i + 1]);
            if (min < 0 || max >= count)
            {
                var name = checkedOnes[i].Name;
                var bad = min < 0 ? min : max;
                throw new ArgumentOutOfRangeException(name, bad, $"{name} holds {bad}, which is not a row of {what} (0 ≤ index < {count}).");
            }
        }
    }

    /// <summary>The arguments of <see cref="IOutputLoss.Forward"/>: hidden [B,d] (B ≥ 1), outsideVectors [V,d]
    /// (same d, dtype, device), targets [B] int64 in [0, V), negatives [B,K] int64 in [0, V).</summary>
    /// <param name="vocabularySize">The range of the targets (and negatives) when it is not the rows of outsideVectors
    /// (hierarchical softmax: the tree's words, while the matrix holds its nodes; negative sampling beside it: the words' rows).</param>
    internal static void OutputLossInputs(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives = null, bool negativesRequired = false,
        long? vocabularySize = null, bool checkIndices = true)
    {
        Floating(outsideVectors, nameof(outsideVectors), 2);
        Floating(hidden, nameof(hidden), 2);
        NonEmpty(hidden, nameof(hidden), 0, "the batch size B");
        Size(hidden, nameof(hidden), 1, outsideVectors.size(1), "the vector size d of outsideVectors");
        SameDtype(hidden, nameof(hidden), outsideVectors, nameof(outsideVectors));
        SameDevice(hidden, nameof(hidden), outsideVectors, nameof(outsideVectors));
        Indices(targets, nameof(targets), 1);
        Size(targets, nameof(targets), 0, hidden.size(0), "the batch size B of hidden");
        SameDevice(targets, nameof(targets), outsideVectors, nameof(outsideVectors));
        if (!negativesRequired)
        {
            // A loss that ignores the negatives (naive softmax, hierarchical softmax) does not look at them.
            if (!checkIndices) return;
            if (vocabularySize is { } v) IndicesInRange(v, $"the {v}-word vocabulary", (targets, nameof(targets)));
            else IndicesInRange(outsideVectors.size(0), nameof(outsideVectors), (targets, nameof(targets)));
            return;
        }
        if (negatives is null) throw new ArgumentNullException(nameof(negatives), "Negative sampling needs the negatives [B,K].");
        Indices(negatives, nameof(negatives), 2);
        Size(negatives, nameof(negatives), 0, hidden.size(0), "the batch size B of hidden");
        SameDevice(negatives, nameof(negatives), outsideVectors, nameof(outsideVectors));
        if (vocabularySize is { } rows && rows > outsideVectors.size(0))
            throw new ArgumentException($"outsideVectors has {outsideVectors.size(0)} rows; the {rows}-word vocabulary needs {rows}.", nameof(outsideVectors));
        if (!checkIndices) return;
        if (vocabularySize is { } words) IndicesInRange(words, $"the {words}-word vocabulary", (targets, nameof(targets)), (negatives, nameof(negatives)));
        else IndicesInRange(outsideVectors.size(0), nameof(outsideVectors), (targets, nameof(targets)), (negatives, nameof(negatives)));
    }

    internal static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
