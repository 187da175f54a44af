using System.Text;
using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Vectors;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// A sentence's feature vector: the average of the vectors of its known words (lower-cased
/// lookup), zeros when it has none (the CS224N assignment's <c>getSentenceFeatures</c>).
/// </summary>
public static class SentenceFeatures
{
    /// <summary>
    /// Features [sentences, d] (float32, on the vectors' device) and the token coverage. Computed
    /// as tensor ops: the known tokens' rows are gathered and summed per sentence with
    /// <c>index_add_</c>, then divided by each sentence's count of known tokens.
    /// </summary>
    public static (Tensor Features, FeatureCoverage Coverage) Average(WordVectors vectors, IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(sentences);
        var vocabulary = vectors.CaseInsensitive;
        var rows = new List<long>();
        var owners = new List<long>();
        var tokens = 0;
        var empty = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            var before = rows.Count;
            foreach (var token in sentences[s])
            {
                tokens++;
                if (TryLookup(vocabulary, token, out var row))
                {
                    rows.Add(row);
                    owners.Add(s);
                }
            }
            if (rows.Count == before) empty++;
        }
        var coverage = new FeatureCoverage(sentences.Count, tokens, rows.Count, empty);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = vectors.Device;
        var sums = zeros(sentences.Count, vectors.Dimension, ScalarType.Float32, device);
        var counts = zeros(sentences.Count, ScalarType.Float32, device);
        if (rows.Count > 0)
        {
            var owner = tensor(owners.ToArray(), device: device);
            sums.index_add_(0, owner, vectors.Vectors.index_select(0, tensor(rows.ToArray(), device: device)), Held.One);
            counts.index_add_(0, owner, ones(rows.Count, ScalarType.Float32, device), Held.One);
        }
        var features = sums.div(counts.clamp_min(Held.One).unsqueeze(1));
        return (features.MoveToOuterDisposeScope(), coverage);
    }

    /// <summary>Features of treebank sentences.</summary>
    public static (Tensor Features, FeatureCoverage Coverage) Average(WordVectors vectors, IReadOnlyList<SstSentence> sentences) =>
        Average(vectors, sentences.Select(s => s.Tokens).ToList());

    /// <summary>
    /// The token's row by lower-cased lookup; failing that, by its doubly-encoded form (UTF-8
    /// read as Latin-1: "clichés" → "clichÃ©s"), the mojibake that SST's datasetSentences.txt
    /// carries, so that vectors trained on the unrepaired sentences still match the trees' words.
    /// </summary>
    internal static bool TryLookup(CaseInsensitiveVocabulary vocabulary, string token, out int row)
    {
        if (vocabulary.TryGetIndex(token, out row)) return true;
        if (token.All(char.IsAscii)) return false;
        var mojibake = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(token));
        return vocabulary.TryGetIndex(mojibake, out row);
    }
}
