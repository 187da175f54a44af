namespace Word2Vec.Torch.Cli.Plots;

/// <summary>
/// The assignment's word_vectors plot: the words' vectors projected to 2-D by PCA, each word a
/// label in a translucent green box; axis limits are the projected min/max.
/// </summary>
public static class WordPlot
{
    /// <summary>The 24 words run.py plots (cs224n-reference.md §7).</summary>
    public static readonly string[] AssignmentWords =
    {
        "great", "cool", "brilliant", "wonderful", "well", "amazing", "worth", "sweet", "enjoyable", "boring", "bad", "dumb",
        "annoying", "female", "male", "queen", "king", "man", "woman", "rain", "snow", "hail", "coffee", "tea",
    };

    public static string Render(IReadOnlyList<string> words, double[][] vectors, string title)
    {
        const double W = 800, H = 600, M = 60;
        var svg = new Svg(W, H);
        svg.Text(W / 2, 26, title, 16, "middle");
        var p = Pca.Project2D(vectors);
        if (p.Length == 0)
        {
            svg.Text(W / 2, H / 2, "none of the words is in the vocabulary", 14, "middle");
            return svg.Build();
        }
        double x0 = p.Min(q => q[0]), x1 = p.Max(q => q[0]), y0 = p.Min(q => q[1]), y1 = p.Max(q => q[1]);
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + 1;
        double X(double v) => M + (v - x0) / (x1 - x0) * (W - 2 * M);
        double Y(double v) => H - M - (v - y0) / (y1 - y0) * (H - 2 * M);
        svg.Rect(M, M, W - 2 * M, H - 2 * M, "none", 1, "#999");
        for (var i = 0; i < words.Count; i++)
        {
            double x = X(p[i][0]), y = Y(p[i][1]);
            var w = 8 + 7.2 * words[i].Length;
            svg.Rect(x - w / 2, y - 11, w, 18, "green", 0.1, "#9c9");
            svg.Text(x, y + 3, words[i], 12, "middle");
        }
        return svg.Build();
    }
}
