using System.CommandLine;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>w2v analogy --vectors FILE A B C [A B C]...: the best answers to a : b :: c : ? (word2vec.c's word-analogy,
/// gensim's most_similar(positive=[b, c], negative=[a])), by 3CosAdd or 3CosMul over the whole vocabulary, or its
/// most frequent words with --restrict; the query's own words are never an answer. Words keep their case, as
/// neighbours does. The questions with an unknown word are named at the end (exit code 2).</summary>
public static class AnalogyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var vectors = VectorQueries.VectorsOption();
        var topn = VectorQueries.TopnOption("How many answers to each question.");
        var method = new Option<AnalogyMethod>("--method", "-m")
        {
            Description = "CosAdd (cos(x, b) − cos(x, a) + cos(x, c)) or CosMul (Levy & Goldberg's ratio).",
            DefaultValueFactory = _ => AnalogyMethod.CosAdd,
        };
        var restrict = new Option<int?>("--restrict") { Description = "Only the first (most frequent) this many words are answers." };
        var words = new Argument<string[]>("words") { Description = "Questions a : b :: c : ?, three words each (man king woman).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("analogy", "Answer word analogies a : b :: c : ? (b − a + c).") { vectors, topn, method, restrict, words };
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var path = r.GetValue(vectors)!;
            var count = VectorQueries.Topn(r.GetValue(topn));
            var limit = r.GetValue(restrict);
            if (limit < 1) throw new ArgumentException($"--restrict = {limit}: must be at least 1.");
            var query = r.GetValue(words)!;
            if (query.Length % 3 != 0)
                throw new ArgumentException($"{query.Length} words are not questions of three words each (a b c for a : b :: c : ?).");
            using var v = WordVectors.Load(path);
            var unknown = new List<string>();
            for (var i = 0; i < query.Length; i += 3)
            {
                var (a, b, c) = (query[i], query[i + 1], query[i + 2]);
                var missing = new[] { a, b, c }.Where(w => !v.Contains(w)).ToList();
                if (missing.Count > 0)
                {
                    unknown.AddRange(missing);
                    continue;
                }
                var answers = r.GetValue(method) == AnalogyMethod.CosMul
                    ? v.MostSimilarCosMul(new[] { b, c }, new[] { a }, count, limit)
                    : v.MostSimilar(new[] { b, c }, new[] { a }, count, limit);
                stdout.WriteLine($"{a} : {b} :: {c} : " +
                    (answers.Count == 0 ? "(no candidate is left: the question's own words are never an answer)" : VectorQueries.Scored(answers)));
            }
            return VectorQueries.End(stderr, path, v, unknown);
        }));
        return command;
    }
}
