namespace Word2Vec.Torch.Cli.Plots;

/// <summary>The loss curve: each reported batch loss (faint) and the smoothed loss, against the step.</summary>
public static class LossCurvePlot
{
    /// <param name="curve">(step, batch loss, smoothed loss) rows.</param>
    public static string Render(IReadOnlyList<double[]> curve, string title)
    {
        const double W = 800, H = 450, L = 70, R = 20, T = 40, B = 55;
        var svg = new Svg(W, H);
        svg.Text(W / 2, 24, title, 16, "middle");
        if (curve.Count == 0)
        {
            svg.Text(W / 2, H / 2, "no loss was reported", 14, "middle");
            return svg.Build();
        }
        double x0 = curve[0][0], x1 = curve[^1][0];
        if (x1 <= x0) x1 = x0 + 1;
        var ys = curve.SelectMany(r => new[] { r[1], r[2] }).Where(double.IsFinite).ToList();
        double y0 = ys.Min(), y1 = ys.Max();
        if (y1 <= y0) y1 = y0 + 1;
        double X(double v) => L + (v - x0) / (x1 - x0) * (W - L - R);
        double Y(double v) => H - B - (v - y0) / (y1 - y0) * (H - T - B);

        foreach (var t in Svg.Ticks(y0, y1))
        {
            svg.Line(L, Y(t), W - R, Y(t), "#e5e5e5");
            svg.Text(L - 6, Y(t) + 4, Svg.N(t), 11, "end");
        }
        foreach (var t in Svg.Ticks(x0, x1))
        {
            svg.Line(X(t), H - B, X(t), H - B + 4);
            svg.Text(X(t), H - B + 18, t.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), 11, "middle");
        }
        svg.Line(L, H - B, W - R, H - B);
        svg.Line(L, T, L, H - B);
        svg.Text((L + W - R) / 2, H - 12, "step", 12, "middle");
        svg.Text(18, (T + H - B) / 2, "loss", 12, "middle", rotate: -90);

        svg.Polyline(curve.Where(r => double.IsFinite(r[1])).Select(r => (X(r[0]), Y(r[1]))), "#7aa6d6", 1, 0.45);
        svg.Polyline(curve.Where(r => double.IsFinite(r[2])).Select(r => (X(r[0]), Y(r[2]))), "#c0392b", 2);
        svg.Rect(W - R - 170, T + 4, 164, 44, "white", 0.9, "#ccc");
        svg.Line(W - R - 160, T + 18, W - R - 135, T + 18, "#7aa6d6", 2);
        svg.Text(W - R - 128, T + 22, "batch loss", 11);
        svg.Line(W - R - 160, T + 36, W - R - 135, T + 36, "#c0392b", 2);
        svg.Text(W - R - 128, T + 40, "smoothed loss", 11);
        return svg.Build();
    }
}
