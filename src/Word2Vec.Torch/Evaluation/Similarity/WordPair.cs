namespace Word2Vec.Torch.Evaluation;

/// <summary>A word pair with its human similarity score, as written in the file (case kept).</summary>
public sealed record WordPair(string Word1, string Word2, double Score, int LineNumber);
