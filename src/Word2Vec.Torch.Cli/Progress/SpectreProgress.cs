using System.Globalization;
using Spectre.Console;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Progress;

/// <summary>A live progress bar on a terminal (Spectre.Console): step, smoothed loss, words/s, ETA.</summary>
public sealed class SpectreProgress : IProgressSink
{
    private readonly ProgressTask _task;
    private readonly IAnsiConsole _console;

    private SpectreProgress(ProgressTask task, IAnsiConsole console)
    {
        _task = task;
        _console = console;
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar on screen.</summary>
    public static T Run<T>(string title, long totalSteps, Func<IProgressSink, T> work)
    {
        var console = AnsiConsole.Console;
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: totalSteps > 0 ? totalSteps : 1);
                return work(new SpectreProgress(task, console));
            });
    }

    public void Report(in TrainingProgress p)
    {
        if (p.TotalSteps > 0) _task.MaxValue = p.TotalSteps;
        else if (p.TotalWords > 0) _task.MaxValue = p.TotalWords;
        _task.Value = p.TotalSteps > 0 ? p.Step : p.WordsProcessed;
        _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step}  loss {ProgressFormat.Loss(p.SmoothedLoss, 4)}  {ProgressFormat.Rate(p.WordsPerSecond)} words/s"));
    }

    public void Message(string text) => _console.MarkupLine(Markup.Escape(text));
}
