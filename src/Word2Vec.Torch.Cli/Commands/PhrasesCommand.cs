using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Word2Vec.Torch.Cli.Data;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>
/// w2v phrases INPUT OUTPUT: word2phrase / gensim Phrases. Each pass counts the words and bigrams of
/// its input, then rewrites it with "new_york" tokens for the bigrams that score above the threshold
/// (see <see cref="PhraseModel"/>); the second pass reads the first's output, so phrases of three and
/// four words can form. OUTPUT is written atomically; a pass's intermediate file is a temporary one beside it, removed.
/// </summary>
public static class PhrasesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "A text corpus (plain text, a .gz, or a .zip holding one file); a relative path is also looked up in the data folder." };
        var output = new Argument<string>("output") { Description = "The phrased text to write." };
        var passes = new Option<int>("--passes") { Description = "1: two-word phrases; 2: up to four words (word2vec.c's demo runs two).", DefaultValueFactory = _ => 1 };
        var minCount = new Option<int>("--min-count") { Description = "δ: rarer bigrams are no phrases (gensim: 5).", DefaultValueFactory = _ => 5 };
        var threshold = new Option<double>("--threshold") { Description = "The score a phrase must exceed (gensim: 10).", DefaultValueFactory = _ => 10.0 };
        var delimiter = new Option<string>("--delimiter") { Description = "Joins a phrase's words.", DefaultValueFactory = _ => "_" };
        var maxBigrams = new Option<int>("--max-bigrams") { Description = "Distinct bigrams kept while counting (the rarest are pruned past it).", DefaultValueFactory = _ => 20_000_000 };
        var data = new Option<string?>("--data") { Description = "The data folder (default: $W2V_DATA, ./data, ../shared/data)." };
        var command = new Command("phrases", "Join frequent word pairs into phrase tokens (word2phrase, gensim Phrases).")
            { input, output, passes, minCount, threshold, delimiter, maxBigrams, data };
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            // Everything that can be refused is refused before the first pass reads.
            var n = r.GetValue(passes);
            if (n is < 1 or > 4) throw new ArgumentException($"--passes = {n}: must be between 1 and 4.");
            var options = new PhraseOptions(r.GetValue(minCount), r.GetValue(threshold), r.GetValue(delimiter)!, r.GetValue(maxBigrams));
            if (options.Problems("--min-count", "--threshold", "--delimiter", "--max-bigrams").ToList() is { Count: > 0 } problems)
                throw new ArgumentException(string.Join("; ", problems) + ".");
            var from = new DataLocator(r.GetValue(data), stderr, "--data").Require(r.GetValue(input)!, "the phrases input");
            if (Directory.Exists(from)) throw new ArgumentException($"the phrases input '{from}' is a folder: give a text file (or a .zip or .gz of one).");
            var named = r.GetValue(output)!;
            if (string.IsNullOrWhiteSpace(named)) throw new ArgumentException("the output is empty: name the file to write the phrased text to.");
            var to = Path.GetFullPath(named);
            if (Path.GetFullPath(from) == to) throw new ArgumentException($"the output '{to}' is the input: write the phrased text to another file.");
            if (Directory.Exists(to)) throw new ArgumentException($"the output '{to}' is a folder: name the file to write.");
            FolderLock.CheckFolder(Path.GetDirectoryName(to)!, "the output's folder");
            // A pass's output before the last: a hidden temporary file beside OUT, never a name the user may have
            // (removed at the end; a killed run leaves it, named .OUT.passN.PID.tmp).
            string Intermediate(int pass) => Path.Combine(Path.GetDirectoryName(to)!, $".{Path.GetFileName(to)}.pass{pass}.{Environment.ProcessId}.tmp");
            var intermediate = new List<string>();
            try
            {
                var source = from;
                for (var pass = 1; pass <= n; pass++)
                {
                    var clock = Stopwatch.StartNew();
                    var model = PhraseModel.Learn(source, options);
                    if (model.InvalidUtf8 is { Count: > 0 } invalid)   // only the input can hold them: a pass writes UTF-8
                        stderr.WriteLine($"w2v: warning: {source}: {invalid.Count:N0} byte sequence(s) are not valid UTF-8 (the first at byte " +
                                         $"{invalid.FirstOffset:N0}); they were read as U+FFFD, and the output holds U+FFFD there.");
                    var target = pass == n ? to : Intermediate(pass);
                    if (pass < n) intermediate.Add(target);
                    var rewrite = model.Rewrite(source, target);
                    var pruned = model.PruneFloor > 0 ? $" (those seen under {model.PruneFloor} times pruned)" : "";
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"pass {pass}: {model.Tokens:N0} tokens, {model.DistinctWords:N0} words, {model.DistinctBigrams:N0} bigrams{pruned}; {rewrite.DistinctPhrases:N0} phrases joined {rewrite.PhrasesJoined:N0} times; {rewrite.TokensOut:N0} tokens out; {clock.Elapsed.TotalSeconds:F1} s"));
                    stdout.WriteLine("  best: " + string.Join(", ", model.Phrases().Take(12).Select(p => $"{p.Phrase} ({p.Count:N0}, {p.Score.ToString("F0", CultureInfo.InvariantCulture)})")));
                    source = target;
                }
                stdout.WriteLine($"wrote {to}");
            }
            finally
            {
                foreach (var f in intermediate) File.Delete(f);
            }
            return 0;
        }));
        return command;
    }
}
