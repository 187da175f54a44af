namespace Word2Vec.Torch.Sampling;

/// <summary>A centre word and its outside (context) words, as vocabulary ids.</summary>
public readonly record struct ContextWindow(int Center, int[] Outside);
