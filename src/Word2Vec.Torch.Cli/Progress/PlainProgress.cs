using System.Diagnostics;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Progress;

/// <summary>Periodic plain lines, for redirected output (logs, CI): at most one per interval, and always the last.</summary>
public sealed class PlainProgress : IProgressSink
{
    private readonly TextWriter _out;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private bool _first = true;

    public PlainProgress(TextWriter output, TimeSpan? interval = null)
    {
        _out = output;
        _interval = interval ?? TimeSpan.FromSeconds(2);
    }

    public void Report(in TrainingProgress p)
    {
        var last = p.TotalSteps > 0 && p.Step >= p.TotalSteps;
        if (!_first && !last && _since.Elapsed < _interval) return;
        _first = false;
        _since.Restart();
        _out.WriteLine(ProgressFormat.Line(p));
        _out.Flush();
    }

    public void Message(string text)
    {
        _out.WriteLine(text);
        _out.Flush();
    }
}
