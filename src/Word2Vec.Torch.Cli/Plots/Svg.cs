using System.Globalization;
using System.Security;
using System.Text;

namespace Word2Vec.Torch.Cli.Plots;

/// <summary>A minimal SVG writer: the plots are a few lines, texts and rectangles.</summary>
internal sealed class Svg
{
    private readonly StringBuilder _b = new();
    public double Width { get; }
    public double Height { get; }

    public Svg(double width, double height)
    {
        Width = width;
        Height = height;
        _b.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">\n");
        _b.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
    }

    internal static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public void Line(double x1, double y1, double x2, double y2, string stroke = "#444", double width = 1) =>
        _b.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"/>\n");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, double opacity = 1)
    {
        var pts = string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        _b.Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-opacity=\"{N(opacity)}\" points=\"{pts}\"/>\n");
    }

    public void Rect(double x, double y, double w, double h, string fill, double opacity = 1, string? stroke = null) =>
        _b.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"{fill}\" fill-opacity=\"{N(opacity)}\"" +
                  (stroke is null ? "" : $" stroke=\"{stroke}\"") + "/>\n");

    public void Circle(double cx, double cy, double r, string fill) =>
        _b.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"/>\n");

    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#222", double rotate = 0)
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _b.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{transform}>{SecurityElement.Escape(text)}</text>\n");
    }

    public string Build() => _b + "</svg>\n";

    /// <summary>About 5 round tick values spanning [lo, hi].</summary>
    internal static IEnumerable<double> Ticks(double lo, double hi, int count = 5)
    {
        if (!(hi > lo)) { yield return lo; yield break; }
        var raw = (hi - lo) / count;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        for (var v = Math.Ceiling(lo / step) * step; v <= hi + 1e-9 * step; v += step) yield return v;
    }
}
