namespace Word2Vec.Torch.Cli.Plots;

/// <summary>A confusion matrix as a heatmap: rows = true class, columns = predicted class.</summary>
public static class HeatmapPlot
{
    public static string Render(IReadOnlyList<IReadOnlyList<int>> counts, IReadOnlyList<string> labels, string title)
    {
        var n = labels.Count;
        const double Cell = 70, L = 130, T = 70;
        double w = L + n * Cell + 30, h = T + n * Cell + 60;
        var svg = new Svg(w, h);
        svg.Text(w / 2, 24, title, 16, "middle");
        long max = 1;
        foreach (var row in counts) foreach (var c in row) max = Math.Max(max, c);
        for (var i = 0; i < n; i++)
        {
            svg.Text(L - 8, T + i * Cell + Cell / 2 + 4, labels[i], 12, "end");
            svg.Text(L + i * Cell + Cell / 2, T - 8, labels[i], 12, "middle");
            for (var j = 0; j < n; j++)
            {
                var f = (double)counts[i][j] / max;
                svg.Rect(L + j * Cell, T + i * Cell, Cell, Cell, "#2c7fb8", 0.08 + 0.92 * f, "#fff");
                svg.Text(L + j * Cell + Cell / 2, T + i * Cell + Cell / 2 + 5, counts[i][j].ToString(), 13, "middle", f > 0.55 ? "white" : "#222");
            }
        }
        svg.Text(L + n * Cell / 2, h - 20, "predicted", 12, "middle");
        svg.Text(18, T + n * Cell / 2, "true", 12, "middle", rotate: -90);
        return svg.Build();
    }
}
