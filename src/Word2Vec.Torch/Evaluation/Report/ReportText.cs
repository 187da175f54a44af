using System.Globalization;

namespace Word2Vec.Torch.Evaluation;

/// <summary>Small formatting helpers shared by the report writers.</summary>
internal static class ReportText
{
    public static string TaskName(SentimentTask task) => task == SentimentTask.Binary ? "binary" : "five-class";

    public static string Title(SentimentResult r) => $"SST {TaskName(r.Task)}, {r.Classifier}";

    /// <summary>"sentiment-binary-softmax-regression": lower-case letters, digits and dashes.</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join("-", new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "x" : slug;
    }

    public static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "–" : (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) + " %";

    public static string Number(double value, string format = "F4") =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"[0.3342, 0.6357]"; "–" when the interval is not defined.</summary>
    public static string Interval(double low, double high, string format = "F4") =>
        double.IsNaN(low) ? "–" : $"[{Number(low, format)}, {Number(high, format)}]";

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Lambda(double lambda) => lambda == 0 ? "0" : lambda.ToString("0.##E+0", CultureInfo.InvariantCulture);
}
