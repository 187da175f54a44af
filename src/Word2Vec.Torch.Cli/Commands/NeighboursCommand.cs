using System.CommandLine;
using System.Globalization;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>w2v neighbours --vectors FILE WORD...: the nearest words by cosine similarity, for every known query word;
/// the unknown ones are named at the end (exit code 2).</summary>
public static class NeighboursCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var vectors = new Option<string>("--vectors", "-v") { Description = "A word2vec-format vectors file (text or binary).", Required = true };
        var topn = new Option<int>("--topn", "-n") { Description = "How many neighbours.", DefaultValueFactory = _ => 10 };
        var words = new Argument<string[]>("words") { Description = "The query words.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("neighbours", "Print each word's nearest neighbours.") { vectors, topn, words };
        command.Aliases.Add("neighbors");
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var path = r.GetValue(vectors)!;
            var count = r.GetValue(topn);
            if (count < 1) throw new ArgumentException($"--topn = {count}: must be at least 1.");
            using var v = WordVectors.Load(path);
            var unknown = new List<string>();
            foreach (var word in r.GetValue(words)!)
            {
                if (!v.Contains(word))
                {
                    unknown.Add(word);
                    continue;
                }
                var near = v.MostSimilar(word, count);
                stdout.WriteLine($"{word}: " + string.Join(", ", near.Select(n => $"{n.Word} {n.Similarity.ToString("F3", CultureInfo.InvariantCulture)}")));
            }
            if (unknown.Count == 0) return 0;
            stderr.WriteLine($"w2v: error: not in the vocabulary of {path} ({v.Count:N0} words): {string.Join(", ", unknown.Select(w => $"'{w}'"))}");
            return CommandErrors.BadInput;
        }));
        return command;
    }
}
