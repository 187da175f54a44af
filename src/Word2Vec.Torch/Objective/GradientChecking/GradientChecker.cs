using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.GradientChecking;

/// <summary>
/// A loss and its hand-derived gradients, evaluated at the given parameters (one gradient per
/// parameter, same shapes). The loss must be computed with tensor ops from the parameters, so
/// that autograd can differentiate it.
/// </summary>
public delegate (Tensor Loss, IReadOnlyList<Tensor> Gradients) LossWithGradients(IReadOnlyList<Tensor> parameters);

/// <summary>
/// Checks hand-derived gradients two ways, in float64:
///  1. against autograd on the same tensors (torch.autograd.grad), entry by entry;
///  2. against centred finite differences, (J(x + h·e_i) − J(x − h·e_i)) / 2h, with the
///     CS224N gradcheck's relative error |fd − g| / max(1, |fd|, |g|).
/// </summary>
public static class GradientChecker
{
    public const double DefaultStep = 1e-4;
    public const double FiniteDifferenceTolerance = 1e-5;
    public const double AutogradTolerance = 1e-10;

    /// <param name="caseName">What is checked (a row's Case).</param>
    /// <param name="names">The parameters' names, in order.</param>
    /// <param name="parameters">The point to check at (any dtype; converted to float64 on the CPU).</param>
    /// <param name="f">The loss and its manual gradients.</param>
    /// <param name="maxEntriesPerParameter">Finite differences on at most this many entries of each
    /// parameter (spread evenly over it), to keep large checks quick.</param>
    public static IReadOnlyList<GradCheckRow> Check(
        string caseName, IReadOnlyList<string> names, IReadOnlyList<Tensor> parameters, LossWithGradients f,
        double h = DefaultStep, int maxEntriesPerParameter = 400)
    {
        ArgumentNullException.ThrowIfNull(caseName);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(f);
        if (!(h > 0) || !double.IsFinite(h))
            throw new ArgumentOutOfRangeException(nameof(h), h, "The finite-difference step must be a positive number.");
        if (maxEntriesPerParameter < 1)
            throw new ArgumentOutOfRangeException(nameof(maxEntriesPerParameter), maxEntriesPerParameter,
                "At least one entry of each parameter must be checked by finite differences.");
        if (names.Count != parameters.Count)
            throw new ArgumentException($"{names.Count} names for {parameters.Count} parameters.", nameof(names));

        using var scope = torch.NewDisposeScope();
        var values = parameters.Select(p => p.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray()).ToArray();
        var shapes = parameters.Select(p => p.shape).ToArray();

        // 1. Manual vs autograd at the same point.
        var leaves = values.Select((v, i) => tensor(v, shapes[i], ScalarType.Float64).requires_grad_(true)).ToList();
        var (loss, manual) = f(leaves);
        if (manual.Count != leaves.Count)
            throw new InvalidOperationException($"{caseName}: {manual.Count} gradients for {leaves.Count} parameters.");
        var auto = torch.autograd.grad(new[] { loss }, leaves, allow_unused: true);
        var manualValues = manual.Select(g => g.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray()).ToArray();
        // An unused leaf's gradient is null-or-invalid (TorchSharp gives an invalid tensor): zero.
        var autoValues = auto.Select((g, i) => g is null || g.IsInvalid ? new double[values[i].Length] : g.cpu().contiguous().data<double>().ToArray()).ToArray();

        var rows = new List<GradCheckRow>();
        for (var p = 0; p < parameters.Count; p++)
        {
            if (manualValues[p].Length != values[p].Length)
                throw new InvalidOperationException($"{caseName}: the gradient of {names[p]} has {manualValues[p].Length} entries, the parameter {values[p].Length}.");
            double maxAbs = 0, maxAuto = 0;
            for (var i = 0; i < values[p].Length; i++)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(manualValues[p][i] - autoValues[p][i]));
                maxAuto = Math.Max(maxAuto, Math.Abs(autoValues[p][i]));
            }
            var rel = maxAbs / Math.Max(maxAuto, 1e-12);

            // 2. Centred finite differences on (a spread of) the entries.
            var entries = EntriesToCheck(values[p].Length, maxEntriesPerParameter);
            double fdErr = 0;
            foreach (var i in entries)
            {
                var original = values[p][i];
                values[p][i] = original + h;
                var plus = Evaluate(values, shapes, f);
                values[p][i] = original - h;
                var minus = Evaluate(values, shapes, f);
                values[p][i] = original;
                var fd = (plus - minus) / (2 * h);
                var g = manualValues[p][i];
                fdErr = Math.Max(fdErr, Math.Abs(fd - g) / Math.Max(1.0, Math.Max(Math.Abs(fd), Math.Abs(g))));
            }

            rows.Add(new GradCheckRow(caseName, names[p], shapes[p], maxAbs, rel, fdErr, entries.Count,
                rel <= AutogradTolerance && fdErr <= FiniteDifferenceTolerance));
        }
        return rows;
    }

    private static double Evaluate(double[][] values, long[][] shapes, LossWithGradients f)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ps = values.Select((v, i) => tensor(v, shapes[i], ScalarType.Float64)).ToList();
        var (loss, _) = f(ps);
        return loss.cpu().item<double>();
    }

    private static List<int> EntriesToCheck(int count, int max)
    {
        if (count <= max) return Enumerable.Range(0, count).ToList();
        var step = (double)count / max;
        return Enumerable.Range(0, max).Select(k => (int)(k * step)).Distinct().ToList();
    }
}
