namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Counts for a group of questions: <see cref="Answered"/> had all four words in the (restricted)
/// vocabulary, <see cref="Skipped"/> did not; accuracy is over the answered ones.
/// </summary>
public sealed record AnalogyScore(int Correct, int Answered, int Skipped)
{
    public int Total => Answered + Skipped;

    /// <summary>Correct / answered (NaN when nothing was answered).</summary>
    public double Accuracy => Answered == 0 ? double.NaN : (double)Correct / Answered;

    /// <summary>Answered / total (NaN for an empty group).</summary>
    public double Coverage => Total == 0 ? double.NaN : (double)Answered / Total;

    public static AnalogyScore operator +(AnalogyScore x, AnalogyScore y) =>
        new(x.Correct + y.Correct, x.Answered + y.Answered, x.Skipped + y.Skipped);

    public static readonly AnalogyScore Zero = new(0, 0, 0);
}

/// <summary>One section's score.</summary>
public sealed record AnalogySectionResult(string Section, bool IsSemantic, AnalogyScore Score);

/// <summary>
/// One method's results on a question set: per section, semantic (sections not starting with
/// "gram"), syntactic ("gram…") and total.
/// </summary>
public sealed record AnalogyResult(
    AnalogyMethod Method,
    int RestrictVocab,
    IReadOnlyList<AnalogySectionResult> Sections,
    AnalogyScore Semantic,
    AnalogyScore Syntactic,
    AnalogyScore Total);
