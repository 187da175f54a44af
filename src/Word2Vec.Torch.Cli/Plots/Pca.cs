namespace Word2Vec.Torch.Cli.Plots;

/// <summary>
/// The assignment's 2-D projection: centre the rows, form the covariance C = (1/n) XᵀX, and
/// project onto its two leading eigenvectors (the first two singular vectors of the SVD of C).
/// Eigenvectors by Jacobi rotations: exact enough for the small d of a plot.
/// </summary>
public static class Pca
{
    public static double[][] Project2D(double[][] rows)
    {
        var n = rows.Length;
        if (n == 0) return Array.Empty<double[]>();
        var d = rows[0].Length;
        var mean = new double[d];
        foreach (var r in rows) for (var j = 0; j < d; j++) mean[j] += r[j] / n;
        var x = rows.Select(r => r.Select((v, j) => v - mean[j]).ToArray()).ToArray();
        var c = new double[d, d];
        foreach (var r in x)
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) c[i, j] += r[i] * r[j] / n;

        var (values, vectors) = SymmetricEigen(c);
        var order = Enumerable.Range(0, d).OrderByDescending(i => values[i]).Take(2).ToArray();
        return x.Select(r => order.Select(k => Enumerable.Range(0, d).Sum(j => r[j] * vectors[j, k])).Concat(d == 1 ? new[] { 0.0 } : Array.Empty<double>()).ToArray()).ToArray();
    }

    /// <summary>Eigen-decomposition of a symmetric matrix (cyclic Jacobi); columns of the result are eigenvectors.</summary>
    public static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] m)
    {
        var n = m.GetLength(0);
        var a = (double[,])m.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++) for (var q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            if (off < 1e-30) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var cos = 1 / Math.Sqrt(t * t + 1);
                    var sin = t * cos;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = cos * akp - sin * akq;
                        a[k, q] = sin * akp + cos * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = cos * apk - sin * aqk;
                        a[q, k] = sin * apk + cos * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = cos * vkp - sin * vkq;
                        v[k, q] = sin * vkp + cos * vkq;
                    }
                }
        }
        var values = Enumerable.Range(0, n).Select(i => a[i, i]).ToArray();
        return (values, v);
    }
}
