using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Two output losses on the same hidden vectors, summed (word2vec.c's -hs 1 -negative K, each on
/// its own rows of the output matrix):
/// <code>  J = J₁ + J₂      ∂J/∂h = ∂J₁/∂h + ∂J₂/∂h      ∂J/∂U: both losses' rows, concatenated  </code>
/// </summary>
public sealed class SumOfLosses(IOutputLoss first, IOutputLoss second) : IOutputLoss
{
    public IOutputLoss First { get; } = first ?? throw new ArgumentNullException(nameof(first));
    public IOutputLoss Second { get; } = second ?? throw new ArgumentNullException(nameof(second));

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }

    public OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives, bool checkIndices = true,
        double gradientScale = 1)
    {
        using var scope = torch.NewDisposeScope();
        var a = First.Forward(hidden, targets, outsideVectors, negatives, checkIndices, gradientScale);
        var b = Second.Forward(hidden, targets, outsideVectors, negatives, checkIndices, gradientScale);
        return new OutputLossResult(
            a.Loss.add(b.Loss, Held.One).MoveToOuterDisposeScope(),
            a.PerExampleLoss.add(b.PerExampleLoss, Held.One).MoveToOuterDisposeScope(),
            a.GradHidden.add(b.GradHidden, Held.One).MoveToOuterDisposeScope(),
            torch.cat(new[] { a.OutsideRows, b.OutsideRows }).MoveToOuterDisposeScope(),
            torch.cat(new[] { a.OutsideRowGrads, b.OutsideRowGrads }).MoveToOuterDisposeScope(),
            RowGradients.ConcatWeights([a.OutsideRows, b.OutsideRows], [a.OutsideRowWeights, b.OutsideRowWeights], hidden.dtype)?.MoveToOuterDisposeScope());
    }
}
