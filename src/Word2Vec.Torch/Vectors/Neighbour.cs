namespace Word2Vec.Torch.Vectors;

/// <summary>A word and its cosine similarity to a query.</summary>
public sealed record Neighbour(string Word, double Similarity);
