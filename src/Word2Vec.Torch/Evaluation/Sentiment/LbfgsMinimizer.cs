using System.Numerics.Tensors;

namespace Word2Vec.Torch.Evaluation;

/// <summary>Why <see cref="LbfgsMinimizer"/> stopped.</summary>
public enum StopReason
{
    /// <summary>max_i |∂J/∂θ_i| ≤ the gradient tolerance: a stationary point.</summary>
    GradientNorm,

    /// <summary>|J_k − J_{k+1}| ≤ the objective tolerance · max(1, |J_k|): no more progress to make.</summary>
    ObjectiveChange,

    /// <summary>The iteration limit came first (not converged).</summary>
    IterationLimit,

    /// <summary>No step along the search direction lowered J (the precision is used up).</summary>
    LineSearch,
}

/// <summary>What a minimisation did: its end point's objective and gradient, and why it stopped.</summary>
public sealed record MinimizationResult(double Objective, double GradientNorm, int Iterations, int Evaluations, StopReason Stop)
{
    /// <summary>Stopped at a stationary point or where J stopped changing (not at a limit).</summary>
    public bool Converged => Stop is StopReason.GradientNorm or StopReason.ObjectiveChange;
}

/// <summary>
/// Limited-memory BFGS for a smooth objective J(θ) whose gradient is given (Nocedal &amp; Wright,
/// Numerical Optimization, Algorithms 7.4 and 7.5): the direction d = −H∇J from the two-loop
/// recursion over the last m pairs s = θ_{k+1} − θ_k, y = ∇J_{k+1} − ∇J_k with H₀ = (sᵀy / yᵀy) I;
/// the step t by backtracking until J(θ + t d) ≤ J(θ) + c₁ t ∇Jᵀd (Armijo, c₁ = 1e-4); a pair is kept
/// only when sᵀy &gt; 0 (which keeps H positive definite on non-convex objectives too). Stops on the
/// gradient norm or the objective's change, never on a count of epochs (the iteration limit is a
/// guard, reported as not converged). TorchSharp's own LBFGS wraps libtorch's, which has no line
/// search and takes its gradients from autograd; ours come from the hand-derived backward passes.
/// </summary>
public static class LbfgsMinimizer
{
    /// <param name="objective">θ ↦ (J(θ), ∇J(θ)); it must not keep θ.</param>
    /// <param name="start">θ₀ (left unchanged; the end point is returned).</param>
    public static (double[] Theta, MinimizationResult Result) Minimize(Func<double[], (double Value, double[] Gradient)> objective, double[] start,
        int maxIterations = 2000, double gradientTolerance = 1e-6, double objectiveTolerance = 1e-12, int memory = 10)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "must be at least 1");
        if (memory < 1) throw new ArgumentOutOfRangeException(nameof(memory), memory, "must be at least 1");
        const double c1 = 1e-4;
        var n = start.Length;
        var x = (double[])start.Clone();
        var (f, g) = objective(x);
        var evaluations = 1;
        CheckFinite(f, g, 0);
        var s = new Queue<double[]>();
        var y = new Queue<double[]>();
        var rho = new Queue<double>();
        for (var k = 0; ; k++)
        {
            var gradNorm = g.Max(Math.Abs);
            if (gradNorm <= gradientTolerance) return (x, new MinimizationResult(f, gradNorm, k, evaluations, StopReason.GradientNorm));
            if (k == maxIterations) return (x, new MinimizationResult(f, gradNorm, k, evaluations, StopReason.IterationLimit));

            var d = Direction(g, s, y, rho);
            var slope = Dot(g, d);
            if (slope >= 0)   // not a descent direction (a poor model of the curvature): start over from −∇J
            {
                s.Clear(); y.Clear(); rho.Clear();
                d = g.Select(v => -v).ToArray();
                slope = Dot(g, d);
            }
            // The first step has no curvature to scale it: at most a unit move.
            var t = s.Count == 0 ? Math.Min(1, 1 / Math.Max(g.Sum(Math.Abs), 1e-300)) : 1.0;
            double[] xNew;
            double fNew;
            double[] gNew;
            var halvings = 0;
            while (true)
            {
                xNew = new double[n];
                for (var i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
                (fNew, gNew) = objective(xNew);
                evaluations++;
                if (double.IsFinite(fNew) && fNew <= f + c1 * t * slope) break;
                if (++halvings > 60) return (x, new MinimizationResult(f, gradNorm, k, evaluations, StopReason.LineSearch));
                t /= 2;
            }
            CheckFinite(fNew, gNew, k + 1);
            var sk = new double[n];
            var yk = new double[n];
            for (var i = 0; i < n; i++) { sk[i] = xNew[i] - x[i]; yk[i] = gNew[i] - g[i]; }
            var sy = Dot(sk, yk);
            if (sy > 1e-12 * Math.Sqrt(Dot(sk, sk) * Dot(yk, yk)))   // curvature condition: H stays positive definite
            {
                if (s.Count == memory) { s.Dequeue(); y.Dequeue(); rho.Dequeue(); }
                s.Enqueue(sk); y.Enqueue(yk); rho.Enqueue(1 / sy);
            }
            var change = Math.Abs(f - fNew);
            var scale = Math.Max(1, Math.Abs(f));
            (x, f, g) = (xNew, fNew, gNew);
            if (change <= objectiveTolerance * scale)
                return (x, new MinimizationResult(f, g.Max(Math.Abs), k + 1, evaluations, StopReason.ObjectiveChange));
        }
    }

    /// <summary>d = −H∇J by the two-loop recursion (newest pair last in the queues).</summary>
    private static double[] Direction(double[] g, Queue<double[]> s, Queue<double[]> y, Queue<double> rho)
    {
        var q = (double[])g.Clone();
        var ss = s.ToArray();
        var ys = y.ToArray();
        var rs = rho.ToArray();
        var alpha = new double[ss.Length];
        for (var i = ss.Length - 1; i >= 0; i--)
        {
            alpha[i] = rs[i] * Dot(ss[i], q);
            Axpy(-alpha[i], ys[i], q);
        }
        var gamma = ss.Length == 0 ? 1 : Dot(ss[^1], ys[^1]) / Dot(ys[^1], ys[^1]);   // H₀ = γI
        for (var i = 0; i < q.Length; i++) q[i] *= gamma;
        for (var i = 0; i < ss.Length; i++)
        {
            var beta = rs[i] * Dot(ys[i], q);
            Axpy(alpha[i] - beta, ss[i], q);
        }
        for (var i = 0; i < q.Length; i++) q[i] = -q[i];
        return q;
    }

    private static void CheckFinite(double f, double[] g, int iteration)
    {
        if (!double.IsFinite(f) || !g.All(double.IsFinite))
            throw new NonFiniteObjectiveException($"the objective or its gradient is not finite at iteration {iteration} (J = {f}).");
    }

    private static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);

    /// <summary>y ← y + a·x.</summary>
    private static void Axpy(double a, double[] x, double[] y) => TensorPrimitives.MultiplyAdd<double>(x, a, y, y);
}
