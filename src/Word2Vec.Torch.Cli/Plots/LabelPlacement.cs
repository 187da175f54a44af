namespace Word2Vec.Torch.Cli.Plots;

/// <summary>A label's box on the page: centre (X, Y), width and height, in pixels.</summary>
public readonly record struct LabelBox(double X, double Y, double Width, double Height)
{
    public double Left => X - Width / 2;
    public double Right => X + Width / 2;
    public double Top => Y - Height / 2;
    public double Bottom => Y + Height / 2;

    /// <summary>The overlap along each axis (positive when the boxes, grown by <paramref name="gap"/>, overlap).</summary>
    public (double X, double Y) Overlap(LabelBox other, double gap) =>
        (Math.Min(Right, other.Right) - Math.Max(Left, other.Left) + gap, Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top) + gap);

    /// <summary>The point of the box's border nearest to (x, y) (the end of a leader line).</summary>
    public (double X, double Y) NearestPoint(double x, double y) => (Math.Clamp(x, Left, Right), Math.Clamp(y, Top, Bottom));
}

/// <summary>
/// Places each point's label near it without covering another label or any point: the labels are
/// placed one after another (in order), each at the first free candidate position: touching its
/// point above, below, right or left, then the same and the diagonals at growing distances. A label
/// inside the frame with nothing under it is always found while the frame has room; the result is
/// deterministic. (A label placed away from its point gets a leader line from the caller.)
/// </summary>
public static class LabelPlacement
{
    /// <summary>Each point's square of free space (labels keep off it).</summary>
    public const double PointSize = 6;

    /// <param name="points">The points, in pixels.</param>
    /// <param name="sizes">Each label's width and height.</param>
    /// <param name="frame">The area the boxes must stay in: left, top, right, bottom.</param>
    /// <param name="gap">The free space kept between two labels, and between a label and a point.</param>
    public static LabelBox[] Place(IReadOnlyList<(double X, double Y)> points, IReadOnlyList<(double Width, double Height)> sizes,
        (double Left, double Top, double Right, double Bottom) frame, double gap = 2)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(sizes);
        if (points.Count != sizes.Count) throw new ArgumentException($"{points.Count} points but {sizes.Count} label sizes.", nameof(sizes));
        var dots = points.Select(p => new LabelBox(p.X, p.Y, PointSize, PointSize)).ToArray();
        var placed = new List<LabelBox>();
        for (var i = 0; i < points.Count; i++)
        {
            var (w, h) = sizes[i];
            LabelBox? chosen = null;
            foreach (var candidate in Candidates(points[i], w, h))
            {
                if (!Inside(candidate, frame)) continue;
                if (placed.Any(b => Overlaps(candidate, b, gap)) || dots.Any(d => Overlaps(candidate, d, gap))) continue;
                chosen = candidate;
                break;
            }
            placed.Add(chosen ?? Clamp(Candidates(points[i], w, h).First(), frame));   // no room anywhere: above its point, in the frame
        }
        return placed.ToArray();
    }

    /// <summary>Whether any two boxes overlap (touching is not overlapping).</summary>
    public static bool AnyOverlap(IReadOnlyList<LabelBox> boxes)
    {
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
                if (Overlaps(boxes[i], boxes[j], 0)) return true;
        return false;
    }

    /// <summary>Whether the boxes overlap once <paramref name="gap"/> is kept between them.</summary>
    public static bool Overlaps(LabelBox a, LabelBox b, double gap) => a.Overlap(b, gap) is { X: > 1e-9, Y: > 1e-9 };

    /// <summary>The positions to try, nearest first: the four sides touching the point, then rings of
    /// eight directions 6 px further out each, up to 400 px.</summary>
    private static IEnumerable<LabelBox> Candidates((double X, double Y) p, double w, double h)
    {
        var side = PointSize / 2 + 3;   // from the point's centre to the label's near edge
        for (var r = 0.0; r <= 400; r += 6)
        {
            yield return new LabelBox(p.X, p.Y - side - r - h / 2, w, h);    // above
            yield return new LabelBox(p.X, p.Y + side + r + h / 2, w, h);    // below
            yield return new LabelBox(p.X + side + r + w / 2, p.Y, w, h);    // right
            yield return new LabelBox(p.X - side - r - w / 2, p.Y, w, h);    // left
            if (r == 0) continue;
            yield return new LabelBox(p.X + side + r + w / 2, p.Y - side - r - h / 2, w, h);
            yield return new LabelBox(p.X - side - r - w / 2, p.Y - side - r - h / 2, w, h);
            yield return new LabelBox(p.X + side + r + w / 2, p.Y + side + r + h / 2, w, h);
            yield return new LabelBox(p.X - side - r - w / 2, p.Y + side + r + h / 2, w, h);
        }
    }

    private static bool Inside(LabelBox b, (double Left, double Top, double Right, double Bottom) f) =>
        b.Left >= f.Left && b.Right <= f.Right && b.Top >= f.Top && b.Bottom <= f.Bottom;

    private static LabelBox Clamp(LabelBox b, (double Left, double Top, double Right, double Bottom) f) => b with
    {
        X = Math.Clamp(b.X, f.Left + b.Width / 2, Math.Max(f.Left + b.Width / 2, f.Right - b.Width / 2)),
        Y = Math.Clamp(b.Y, f.Top + b.Height / 2, Math.Max(f.Top + b.Height / 2, f.Bottom - b.Height / 2)),
    };
}
