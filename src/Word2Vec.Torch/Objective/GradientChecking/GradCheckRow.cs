namespace Word2Vec.Torch.Objective.GradientChecking;

/// <summary>
/// One row of a gradient check: a parameter of one loss/model, its hand-derived gradient
/// compared with autograd's and with centred finite differences.
/// </summary>
/// <param name="Case">The loss or model checked, e.g. "negative sampling (repeated negatives)".</param>
/// <param name="Parameter">The parameter's name, e.g. "centerWordVec".</param>
/// <param name="Shape">The parameter's shape.</param>
/// <param name="MaxAbsDiffAutograd">max |manual − autograd| over the entries.</param>
/// <param name="MaxRelDiffAutograd">max |manual − autograd| / max(max |autograd|, 1e-12).</param>
/// <param name="FiniteDifferenceRelError">max over checked entries of |fd − manual| / max(1, |fd|, |manual|)
/// (the CS224N gradcheck's measure).</param>
/// <param name="FiniteDifferenceEntries">How many entries the finite differences checked.</param>
/// <param name="Passed">Both comparisons under their tolerances.</param>
public sealed record GradCheckRow(
    string Case,
    string Parameter,
    long[] Shape,
    double MaxAbsDiffAutograd,
    double MaxRelDiffAutograd,
    double FiniteDifferenceRelError,
    int FiniteDifferenceEntries,
    bool Passed);
