namespace Word2Vec.Torch.Evaluation;

/// <summary>How many sentence tokens the vectors know.</summary>
public sealed record FeatureCoverage(int Sentences, int Tokens, int KnownTokens, int SentencesWithoutKnownWords)
{
    /// <summary>Known / all tokens (NaN when there are none).</summary>
    public double TokenCoverage => Tokens == 0 ? double.NaN : (double)KnownTokens / Tokens;
}
