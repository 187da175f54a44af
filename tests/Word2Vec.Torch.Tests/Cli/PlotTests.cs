using System.Xml.Linq;
using Word2Vec.Torch.Cli.Plots;

namespace Word2Vec.Torch.Tests.Cli;

public class PlotTests
{
    [Fact]
    public void LossCurveIsWellFormedSvgWithBothSeries()
    {
        var curve = Enumerable.Range(1, 50).Select(i => new double[] { i * 10, 20.0 / i, 20.0 / Math.Sqrt(i) }).ToList();
        var doc = XDocument.Parse(LossCurvePlot.Render(curve, "loss & <curve>"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, doc.Descendants(ns + "polyline").Count());
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "loss & <curve>");
        Assert.All(doc.Descendants(ns + "polyline"), p => Assert.Equal(50, p.Attribute("points")!.Value.Split(' ').Length));
    }

    [Fact]
    public void WordPlotLabelsEveryWord()
    {
        var words = new[] { "king", "queen", "man", "woman" };
        var vectors = new[] { new[] { 1.0, 0, 0 }, new[] { 0.0, 1, 0 }, new[] { 0.0, 0, 1 }, new[] { 1.0, 1, 1 } };
        var doc = XDocument.Parse(WordPlot.Render(words, vectors, "word vectors"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        foreach (var w in words) Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == w);
    }

    public static TheoryData<string> Crowds => new() { "one point", "pairs", "a line" };

    [Theory]
    [MemberData(nameof(Crowds))]
    public void LabelsNeverOverlapNorCoverAPointNorLeaveTheFrame(string crowd)
    {
        var frame = (Left: 70.0, Top: 45.0, Right: 780.0, Bottom: 545.0);
        var words = WordPlot.AssignmentWords;
        var points = words.Select((_, i) => crowd switch
        {
            "one point" => (400.0, 300.0),                               // every word on the same spot
            "pairs" => (100.0 + 60 * (i / 2), 100.0 + 17 * (i / 2) + i % 2),   // twins one pixel apart
            _ => (75.0 + i * 2.0, 540.0),                                 // a dense row in the frame's corner
        }).ToArray();
        var sizes = words.Select(w => (8 + 7.2 * w.Length, 18.0)).ToArray();
        var boxes = LabelPlacement.Place(points, sizes, frame);
        Assert.False(LabelPlacement.AnyOverlap(boxes));
        foreach (var b in boxes)
        {
            Assert.InRange(b.Left, frame.Left, frame.Right);
            Assert.InRange(b.Right, frame.Left, frame.Right);
            Assert.InRange(b.Top, frame.Top, frame.Bottom);
            Assert.InRange(b.Bottom, frame.Top, frame.Bottom);
            Assert.All(points, p => Assert.False(LabelPlacement.Overlaps(b, new LabelBox(p.Item1, p.Item2, LabelPlacement.PointSize, LabelPlacement.PointSize), 0)));
        }
    }

    [Fact]
    public void TheWordPlotHasTicksADotPerWordAndLeadersForMovedLabels()
    {
        // Five words on one spot (more than the four places touching a dot) and two apart.
        var words = new[] { "brilliant", "enjoyable", "boring", "sweet", "bad", "king", "queen" };
        var vectors = new[]
        {
            new[] { 0.1, 0.1 }, new[] { 0.1001, 0.1 }, new[] { 0.1, 0.1001 }, new[] { 0.1001, 0.1001 }, new[] { 0.1, 0.1002 },
            new[] { 0.3, -0.3 }, new[] { -0.3, -0.2 },
        };
        var doc = XDocument.Parse(WordPlot.Render(words, vectors, "word vectors"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        double A(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(words.Length, doc.Descendants(ns + "circle").Count());
        var labels = doc.Descendants(ns + "rect").Where(r => r.Attribute("fill")?.Value == "green")
            .Select(r => new LabelBox(A(r, "x") + A(r, "width") / 2, A(r, "y") + A(r, "height") / 2, A(r, "width"), A(r, "height"))).ToList();
        Assert.Equal(words.Length, labels.Count);
        Assert.False(LabelPlacement.AnyOverlap(labels));
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("first principal component", texts);
        Assert.True(texts.Count(t => double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) >= 6, "tick labels on both axes");
        Assert.Contains(doc.Descendants(ns + "line"), l => l.Attribute("stroke")?.Value == "#7a7");   // a twin's label moved: a leader line
    }

    [Fact]
    public void HeatmapShowsEveryCount()
    {
        var counts = new[] { new[] { 5, 1 }, new[] { 2, 7 } };
        var doc = XDocument.Parse(HeatmapPlot.Render(counts, new[] { "neg", "pos" }, "confusion"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        foreach (var c in new[] { "5", "1", "2", "7" }) Assert.Contains(c, texts);
    }
}
