using System.Globalization;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Progress;

internal static class ProgressFormat
{
    public static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + "k",
        _ => perSecond.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Time(TimeSpan? t) => t is { } v ? $"{(int)v.TotalHours}:{v.Minutes:00}:{v.Seconds:00}" : "?";

    /// <summary>A loss with <paramref name="decimals"/> decimals; one of a million or more (a run diverging) in scientific form,
    /// "5.469471E+195" rather than two hundred digits.</summary>
    public static string Loss(double loss, int decimals = 6) => Math.Abs(loss) < 1e6 || !double.IsFinite(loss)
        ? loss.ToString("F" + decimals, CultureInfo.InvariantCulture)
        : loss.ToString("0." + new string('0', decimals) + "E+0", CultureInfo.InvariantCulture);

    public static string Line(in TrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step}{(p.TotalSteps > 0 ? "/" + p.TotalSteps : "")}  loss {Loss(p.Loss)}  smoothed {Loss(p.SmoothedLoss)}  lr {p.LearningRate:G4}  " +
        $"{Rate(p.WordsPerSecond)} words/s  {Rate(p.ExamplesPerSecond)} examples/s  elapsed {Time(p.Elapsed)}  eta {Time(p.Eta)}");
}
