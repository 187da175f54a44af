using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Standardised features, fitted on the training split and applied to every split:
/// <code>  x̃_j = (x_j − μ_j) / σ_j,   μ_j, σ_j the mean and (population) deviation of feature j on train  </code>
/// (σ_j = 1 for a constant feature). Averaged word vectors have small spreads around large means
/// (a mean |0.49|, a spread of 0.027 for the d = 10 SST vectors): unscaled, the classifier's
/// objective is badly conditioned and a first-order optimiser stops far from its optimum.
/// </summary>
public sealed class FeatureStandardizer : IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _deviation;

    private FeatureStandardizer(Tensor mean, Tensor deviation)
    {
        _mean = mean.DetachFromDisposeScope();
        _deviation = deviation.DetachFromDisposeScope();
    }

    /// <summary>μ and σ of each column of <paramref name="train"/> [N, d].</summary>
    public static FeatureStandardizer Fit(Tensor train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.ndim != 2 || train.shape[0] == 0) throw new ArgumentException("the training features must be [N, d] with N ≥ 1.", nameof(train));
        using var scope = torch.NewDisposeScope();
        var mean = train.mean(new long[] { 0 });
        var deviation = train.std(0, unbiased: false);
        using var tiny = 1e-12.ToScalar();
        deviation = torch.where(deviation.gt(tiny), deviation, torch.ones_like(deviation));   // a constant feature is left as it is
        return new FeatureStandardizer(mean.MoveToOuterDisposeScope(), deviation.MoveToOuterDisposeScope());
    }

    /// <summary>(x − μ) / σ for each row of <paramref name="features"/>.</summary>
    public Tensor Apply(Tensor features) => features.sub(_mean).div(_deviation);

    public void Dispose()
    {
        _mean.Dispose();
        _deviation.Dispose();
    }
}
