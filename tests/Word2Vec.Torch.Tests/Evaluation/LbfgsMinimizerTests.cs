using TorchSharp;
using Word2Vec.Torch.Evaluation;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Evaluation;

/// <summary>The L-BFGS of the sentiment classifiers, on problems whose optimum is known.</summary>
public class LbfgsMinimizerTests
{
    [Fact]
    public void AQuadraticEndsAtTheSolutionOfItsLinearSystem()
    {
        // J = ½ xᵀAx − bᵀx with A SPD and ill-conditioned (eigenvalues 1 … 1e3, log-spaced): x* = A⁻¹b.
        var rng = new Random(1);
        const int n = 20;
        var q = torch.linalg.qr(torch.randn(n, n, ScalarType.Float64, generator: new Generator(3))).Q;
        var eig = torch.tensor(Enumerable.Range(0, n).Select(i => Math.Pow(1e3, i / (n - 1.0))).ToArray());
        var a = q.mm(torch.diag(eig)).mm(q.t()).data<double>().ToArray();
        var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        (double, double[]) J(double[] x)
        {
            var ax = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => a[i * n + j] * x[j])).ToArray();
            return (0.5 * x.Zip(ax, (u, v) => u * v).Sum() - x.Zip(b, (u, v) => u * v).Sum(), ax.Zip(b, (u, v) => u - v).ToArray());
        }
        var (x, result) = LbfgsMinimizer.Minimize(J, new double[n], gradientTolerance: 1e-7, objectiveTolerance: 0);
        var expected = torch.linalg.solve(torch.tensor(a, new long[] { n, n }), torch.tensor(b)).data<double>().ToArray();
        Assert.True(result.Converged, result.ToString());
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], x[i], 5);   // |x − x*| ≤ ‖∇J‖ / λ_min
    }

    [Fact]
    public void RosenbrocksValleyLeadsToOneOne()
    {
        static (double, double[]) J(double[] x) =>
            (Math.Pow(1 - x[0], 2) + 100 * Math.Pow(x[1] - x[0] * x[0], 2),
             [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]);
        var (x, result) = LbfgsMinimizer.Minimize(J, [-1.2, 1.0], gradientTolerance: 1e-8);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(1.0, x[0], 5);
        Assert.Equal(1.0, x[1], 5);
        Assert.True(result.Iterations < 200, $"{result.Iterations} iterations");
    }

    [Fact]
    public void TheIterationLimitIsReportedAsNotConverged()
    {
        static (double, double[]) J(double[] x) => (Math.Pow(1 - x[0], 2) + 100 * Math.Pow(x[1] - x[0] * x[0], 2),
            [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]);
        var (_, result) = LbfgsMinimizer.Minimize(J, [-1.2, 1.0], maxIterations: 3);
        Assert.Equal(StopReason.IterationLimit, result.Stop);
        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void ANonFiniteGradientIsAnError() =>
        Assert.Throws<NonFiniteObjectiveException>(() => LbfgsMinimizer.Minimize(x => (x[0], [double.NaN]), [1.0]));
}
