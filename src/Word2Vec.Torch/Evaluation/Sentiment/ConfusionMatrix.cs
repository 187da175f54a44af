using System.Globalization;
using System.Text;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Counts of (true class, predicted class): <c>Counts[t][p]</c> sentences of class t were
/// predicted as p. Rows are the true classes, columns the predictions, both in
/// <see cref="Labels"/> order. Everything a plot needs is here: labels, counts, row-normalised
/// rates.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[][] _counts;

    public ConfusionMatrix(IReadOnlyList<string> labels, IReadOnlyList<long> truth, IReadOnlyList<long> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} true classes against {predicted.Count} predictions.", nameof(predicted));
        Labels = labels.ToArray();
        _counts = Labels.Select(_ => new int[Labels.Count]).ToArray();
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i] < 0 || truth[i] >= Labels.Count || predicted[i] < 0 || predicted[i] >= Labels.Count)
                throw new ArgumentOutOfRangeException(nameof(truth), $"item {i}: class {truth[i]} / prediction {predicted[i]} outside 0 … {Labels.Count - 1}");
            _counts[truth[i]][predicted[i]]++;
        }
    }

    /// <summary>The class names.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Counts[true][predicted].</summary>
    public IReadOnlyList<IReadOnlyList<int>> Counts => _counts;

    public int this[int truth, int predicted] => _counts[truth][predicted];

    public int Total => _counts.Sum(r => r.Sum());

    /// <summary>The diagonal's share of the total (NaN when empty).</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Enumerable.Range(0, Labels.Count).Sum(i => _counts[i][i]) / Total;

    /// <summary>Each row divided by its sum (rows of zeros stay zero): the rate at which class t is predicted as p.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RowNormalized => _counts
        .Select(r => { var s = r.Sum(); return (IReadOnlyList<double>)r.Select(c => s == 0 ? 0.0 : (double)c / s).ToArray(); })
        .ToArray();

    /// <summary>Recall of class c: Counts[c][c] / row sum (NaN for an empty row).</summary>
    public double Recall(int c)
    {
        var s = _counts[c].Sum();
        return s == 0 ? double.NaN : (double)_counts[c][c] / s;
    }

    /// <summary>Precision of class c: Counts[c][c] / column sum (NaN for an empty column).</summary>
    public double Precision(int c)
    {
        var s = _counts.Sum(r => r[c]);
        return s == 0 ? double.NaN : (double)_counts[c][c] / s;
    }

    /// <summary>CSV: a header "true \ predicted,label…", then one row per true class.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(Csv("true \\ predicted"));
        foreach (var l in Labels) sb.Append(',').Append(Csv(l));
        sb.Append('\n');
        for (var t = 0; t < Labels.Count; t++)
        {
            sb.Append(Csv(Labels[t]));
            foreach (var c in _counts[t]) sb.Append(',').Append(c.ToString(CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Csv(string s) =>
        s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
