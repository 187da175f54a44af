using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Training;

/// <summary>The word vectors a run leaves, as output.vectors asks: the centre vectors v, v + u, or [v; u]
/// (u: the first V rows of the output matrix, the outside vectors of every loss that has them), in float32 as the
/// word2vec formats hold them (a float64 run's are rounded once, here).</summary>
public static class TrainedVectors
{
    public static WordVectors From(TrainingResult result, Vocabulary vocabulary, VectorsKind kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(vocabulary);
        using var scope = torch.NewDisposeScope();
        var e = result.Embeddings;
        if (vocabulary.Count != e.VocabSize)
            throw new ArgumentException($"The vocabulary has {vocabulary.Count} words; the run's centre vectors are {e.VocabSize} rows (another run's vocabulary?).",
                nameof(vocabulary));
        if (kind != VectorsKind.Center && e.OutsideRows < e.VocabSize)
            throw new ArgumentException($"{kind} needs an outside vector a word; this run's output matrix has {e.OutsideRows} rows for {e.VocabSize} words " +
                                        "(hierarchical softmax's inner nodes).", nameof(kind));
        var matrix = kind switch
        {
            VectorsKind.Center => e.CenterVectors,
            VectorsKind.CenterPlusOutside => e.CenterVectors.add(e.OutsideVectors.narrow(0, 0, e.VocabSize), Held.One),
            VectorsKind.CenterConcatOutside => torch.cat(new[] { e.CenterVectors, e.OutsideVectors.narrow(0, 0, e.VocabSize) }, dim: 1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown output.vectors"),
        };
        // A handle of its own on the matrix (for the centre vectors, the run's own storage: the run is over), not a copy.
        return WordVectors.Adopt(vocabulary.Words, matrix.detach().to(torch.ScalarType.Float32).cpu().contiguous(), vocabulary.Counts);
    }
}
