namespace Word2Vec.Torch.Evaluation;

/// <summary>A treebank sentence: its tokens (the tree's leaves, case kept) and its root label 0–4.</summary>
public sealed record SstSentence(IReadOnlyList<string> Tokens, int Label, int LineNumber);
