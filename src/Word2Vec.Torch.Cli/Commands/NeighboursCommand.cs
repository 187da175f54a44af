using System.CommandLine;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>w2v neighbours --vectors FILE WORD...: the nearest words by cosine similarity, for every known query word;
/// the unknown ones are named at the end (exit code 2).</summary>
public static class NeighboursCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var vectors = VectorQueries.VectorsOption();
        var topn = VectorQueries.TopnOption("How many neighbours.");
        var words = new Argument<string[]>("words") { Description = "The query words.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("neighbours", "Print each word's nearest neighbours.") { vectors, topn, words };
        command.Aliases.Add("neighbors");
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var path = r.GetValue(vectors)!;
            var count = VectorQueries.Topn(r.GetValue(topn));
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
                stdout.WriteLine($"{word}: " + VectorQueries.Scored(near));
            }
            return VectorQueries.End(stderr, path, v, unknown);
        }));
        return command;
    }
}
