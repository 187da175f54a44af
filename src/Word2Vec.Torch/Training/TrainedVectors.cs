using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Training;

/// <summary>The word vectors a run leaves, as output.vectors asks: the centre vectors, or centre + outside.</summary>
public static class TrainedVectors
{
    public static WordVectors From(TrainingResult result, Vocabulary vocabulary, VectorsKind kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(vocabulary);
        using var scope = torch.NewDisposeScope();
        var matrix = kind switch
        {
            VectorsKind.Center => result.Embeddings.CenterVectors,
            VectorsKind.CenterPlusOutside => result.Embeddings.CenterVectors.add(result.Embeddings.OutsideVectors, Held.One),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown output.vectors"),
        };
        return WordVectors.FromMatrix(vocabulary.Words, matrix.detach().to(torch.ScalarType.Float32).cpu(), vocabulary.Counts);
    }
}
