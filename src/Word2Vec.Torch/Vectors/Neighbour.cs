namespace Word2Vec.Torch.Vectors;

/// <summary>A word and its score for a query: the cosine similarity (3CosMul's ratio for <see cref="WordVectors.MostSimilarCosMul"/>).</summary>
public sealed record Neighbour(string Word, double Similarity);
