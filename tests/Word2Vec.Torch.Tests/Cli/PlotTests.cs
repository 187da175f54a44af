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
