namespace Word2Vec.Torch.Evaluation;

/// <summary>A minimisation met an objective or gradient that is not finite (features that overflow, say): the
/// inputs' fault, not the minimiser's.</summary>
public sealed class NonFiniteObjectiveException(string message) : ArithmeticException(message);
