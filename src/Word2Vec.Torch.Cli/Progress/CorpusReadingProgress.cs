using System.Globalization;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Cli.Progress;

/// <summary>
/// Shows a text corpus's two reading passes: on a terminal, one line rewritten in place (bytes read
/// of the total, the elapsed time, the ETA); in a log, a line when each pass ends.
/// </summary>
public sealed class CorpusReadingProgress(TextWriter output, bool terminal) : IProgress<CorpusReadProgress>
{
    private TimeSpan _passStart;
    private int _pass;

    public void Report(CorpusReadProgress p)
    {
        if (p.Pass != _pass)
        {
            _pass = p.Pass;
            _passStart = p.Elapsed;
        }
        var what = p.Pass == 1 ? "counting words" : "encoding ids";
        var elapsed = p.Elapsed - _passStart;
        var done = p.BytesRead >= p.TotalBytes;
        if (done)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"{(terminal ? "\r" : "")}{what}: {Mb(p.TotalBytes)} read in {elapsed.TotalSeconds:F1} s{(terminal ? "\u001b[K" : "")}\n"));
            output.Flush();
            return;
        }
        if (!terminal) return;
        var fraction = p.TotalBytes > 0 ? (double)p.BytesRead / p.TotalBytes : 0;
        var eta = fraction > 0 ? $", ETA {elapsed.TotalSeconds * (1 - fraction) / fraction:F0} s" : "";
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{what}: {100 * fraction:F0} % ({Mb(p.BytesRead)} of {Mb(p.TotalBytes)}), {elapsed.TotalSeconds:F0} s{eta}\u001b[K"));
        output.Flush();
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N0} MB");
}
