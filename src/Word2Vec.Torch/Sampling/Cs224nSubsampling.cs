using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// The CS224N assignment's subsampling (<c>rejectProb</c> and <c>allSentences</c> in
/// <c>utils/treebank.py</c>). Unlike word2vec.c it uses raw counts and has no "+ t/f" term.
/// </summary>
public static class Cs224nSubsampling
{
    /// <summary>How often the sentence list is repeated before subsampling.</summary>
    public const int Copies = 30;

    /// <summary>The threshold factor: threshold = 1e-5 · wordcount.</summary>
    public const double ThresholdFactor = 1e-5;

    /// <summary>rejectProb[w] = max(0, 1 − sqrt(1e-5 · wordcount / count[w])), wordcount = the
    /// vocabulary's total count (which includes UNK's 1).</summary>
    public static double[] RejectProbabilities(Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var threshold = ThresholdFactor * vocabulary.TotalCount;
        var p = new double[vocabulary.Count];
        for (var i = 0; i < p.Length; i++)
        {
            var count = vocabulary.GetCount(i);
            p[i] = count > 0 ? Math.Max(0.0, 1.0 - Math.Sqrt(threshold / count)) : 0.0;
        }
        return p;
    }

    /// <summary>
    /// The subsampled corpus: the sentence list repeated <paramref name="copies"/> times (the whole
    /// list, then the whole list again, …); each token kept if its reject probability is ≤ 0 (no
    /// random draw then, as Python's <c>or</c> short-circuits) or if a uniform draw r ≥ it; sentences
    /// left with ≤ 1 token dropped.
    /// </summary>
    public static int[][] Subsample(IReadOnlyList<int[]> sentences, double[] rejectProbability, RandomSource rng, int copies = Copies)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(rejectProbability);
        ArgumentNullException.ThrowIfNull(rng);
        var result = new List<int[]>(sentences.Count * copies);
        var kept = new List<int>();
        for (var copy = 0; copy < copies; copy++)
            foreach (var sentence in sentences)
            {
                kept.Clear();
                foreach (var w in sentence)
                {
                    var p = rejectProbability[w];
                    if (p <= 0 || rng.NextDouble() >= p)
                        kept.Add(w);
                }
                if (kept.Count > 1)
                    result.Add(kept.ToArray());
            }
        return result.ToArray();
    }
}
