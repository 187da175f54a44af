namespace Word2Vec.Torch.Cli.Plots;

/// <summary>
/// The assignment's word_vectors plot: the words' vectors projected to 2-D by PCA, each word a dot
/// and a label in a translucent green box. The axes carry ticks of the projected coordinates; the
/// data are inset from the frame so that no label sits on it; labels that would overlap are nudged
/// apart (<see cref="LabelPlacement"/>) and joined to their dot by a thin leader line.
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
        const double W = 800, H = 600, L = 70, R = 20, T = 45, B = 55;   // the frame's margins: tick labels left and below
        const double Inset = 45;                                          // data to frame: room for half a label
        const double LabelHeight = 18;
        var svg = new Svg(W, H);
        svg.Text(W / 2, 26, title, 16, "middle");
        var p = Pca.Project2D(vectors);
        if (p.Length == 0)
        {
            svg.Text(W / 2, H / 2, "none of the words is in the vocabulary", 14, "middle");
            return svg.Build();
        }
        double x0 = p.Min(q => q[0]), x1 = p.Max(q => q[0]), y0 = p.Min(q => q[1]), y1 = p.Max(q => q[1]);
        if (x1 <= x0) (x0, x1) = (x0 - 0.5, x0 + 0.5);
        if (y1 <= y0) (y0, y1) = (y0 - 0.5, y0 + 0.5);
        // The pixel ranges of the data inside the frame, and the coordinates at the frame's edges (for the ticks).
        double px0 = L + Inset, px1 = W - R - Inset, py0 = H - B - Inset, py1 = T + Inset;
        double X(double v) => px0 + (v - x0) / (x1 - x0) * (px1 - px0);
        double Y(double v) => py0 - (v - y0) / (y1 - y0) * (py0 - py1);
        double XAt(double px) => x0 + (px - px0) / (px1 - px0) * (x1 - x0);
        double YAt(double py) => y0 + (py0 - py) / (py0 - py1) * (y1 - y0);

        svg.Rect(L, T, W - L - R, H - T - B, "none", 1, "#999");
        foreach (var t in Svg.Ticks(XAt(L), XAt(W - R)))
        {
            svg.Line(X(t), T, X(t), H - B, "#eee");
            svg.Line(X(t), H - B, X(t), H - B + 4, "#999");
            svg.Text(X(t), H - B + 17, Svg.N(t), 11, "middle", "#555");
        }
        foreach (var t in Svg.Ticks(YAt(H - B), YAt(T)))
        {
            svg.Line(L, Y(t), W - R, Y(t), "#eee");
            svg.Line(L - 4, Y(t), L, Y(t), "#999");
            svg.Text(L - 7, Y(t) + 4, Svg.N(t), 11, "end", "#555");
        }
        svg.Text((L + W - R) / 2, H - 14, "first principal component", 12, "middle", "#555");
        svg.Text(18, (T + H - B) / 2, "second principal component", 12, "middle", "#555", rotate: -90);

        var anchors = p.Select(q => (X(q[0]), Y(q[1]))).ToArray();
        var sizes = words.Select(w => (8 + 7.2 * w.Length, LabelHeight)).ToArray();
        var boxes = LabelPlacement.Place(anchors, sizes, (L + 2, T + 2, W - R - 2, H - B - 2));
        for (var i = 0; i < words.Count; i++)
        {
            var (ax, ay) = anchors[i];
            var (ex, ey) = boxes[i].NearestPoint(ax, ay);
            if (Math.Abs(ex - ax) + Math.Abs(ey - ay) > 9) svg.Line(ax, ay, ex, ey, "#7a7", 0.8);   // a leader to a label placed away from its dot
        }
        for (var i = 0; i < words.Count; i++)
        {
            var b = boxes[i];
            svg.Circle(anchors[i].Item1, anchors[i].Item2, 2.5, "#2a7a2a");
            svg.Rect(b.Left, b.Top, b.Width, b.Height, "green", 0.1, "#9c9");
            svg.Text(b.X, b.Y + 4, words[i], 12, "middle");
        }
        return svg.Build();
    }
}
