namespace Word2Vec.Torch.Evaluation;

/// <summary>A word and its cosine similarity to a query.</summary>
public sealed record Neighbour(string Word, double Similarity);
