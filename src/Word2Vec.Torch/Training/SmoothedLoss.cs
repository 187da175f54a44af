namespace Word2Vec.Torch.Training;

/// <summary>
/// The assignment's smoothed loss (sgd.py): updated only on report steps with that step's batch
/// loss; the first report sets it, later ones do s ← β·s + (1 − β)·loss (β = 0.95).
/// </summary>
public sealed class SmoothedLoss
{
    private readonly double _beta;

    public SmoothedLoss(double beta) { _beta = beta; }

    public double? Value { get; private set; }

    public double Update(double loss)
    {
        Value = Value is { } s ? _beta * s + (1 - _beta) * loss : loss;
        return Value.Value;
    }

    /// <summary>Restores the value a checkpoint recorded.</summary>
    public void Restore(double? value) => Value = value;
}
