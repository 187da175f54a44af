using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// word2vec.c's subsampling of frequent words: with threshold t (the <c>sample</c> setting) and
/// f = count / total, a token is kept with probability (sqrt(f / t) + 1) · t / f, drawn anew for
/// every token in every epoch. Probabilities ≥ 1 mean "always keep" (no draw is made).
/// </summary>
public static class Word2VecSubsampling
{
    /// <summary>word2vec.c's default threshold.</summary>
    public const double DefaultSample = 1e-3;

    /// <summary>The keep probability of one word (≥ 1: always kept; <paramref name="sample"/> ≤ 0 disables).</summary>
    public static double KeepProbability(long count, long totalCount, double sample)
    {
        if (sample <= 0 || count <= 0)
            return 1.0;
        var threshold = sample * totalCount;   // t · total, as word2vec.c computes it
        return (Math.Sqrt(count / threshold) + 1) * threshold / count;
    }

    /// <summary>Keep probabilities for every word of <paramref name="vocabulary"/> (total = its total count).</summary>
    public static double[] KeepProbabilities(Vocabulary vocabulary, double sample)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (double.IsNaN(sample) || sample < 0)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, "must be 0 (off) or positive");
        var keep = new double[vocabulary.Count];
        for (var i = 0; i < keep.Length; i++)
            keep[i] = KeepProbability(vocabulary.GetCount(i), vocabulary.TotalCount, sample);
        return keep;
    }
}
