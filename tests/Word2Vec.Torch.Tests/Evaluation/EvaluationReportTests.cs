using System.Text.Json;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Evaluation;

[Collection(nameof(Backend.ProcessWideTorchState))]   // sets and reads the thread count
public class EvaluationReportTests
{
    [Fact]
    public void TheNumbersDoNotDependOnTheThreadCountBefore()
    {
        // Random 20-d vectors of the SST words; two λ of the five-class regression whose losses differed in their
        // last bits with libtorch at 1 thread and at 2 (its sums split by thread count) before the count was pinned.
        var words = SstCorpus.Load(TestData.SstFolder).Vocabulary.Words.ToArray();
        var random = new Random(3);
        using var v = WordVectors.FromMatrix(words, Enumerable.Range(0, words.Length * 20).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
        var options = new EvaluationOptions
        {
            RunAnalogy = false, RunSimilarity = false, Threads = 2,
            Sentiment = new SentimentOptions
            {
                Tasks = [SentimentTask.FiveClass], Models = [SentimentOptions.DefaultModels[0]], Lambdas = [1e-4, 0.1],
            },
        };
        string Losses(int threadsBefore)
        {
            TorchSharp.torch.set_num_threads(threadsBefore);
            var results = EvaluationReport.Run(v, TestData.Root, options);
            Assert.Equal(threadsBefore, TorchSharp.torch.get_num_threads());   // restored
            return string.Join(" ", results.Sentiment!.Results.Single().LambdaSearch.Select(l => l.FinalLoss.ToString("R")));
        }
        var before = TorchSharp.torch.get_num_threads();
        try
        {
            Assert.Equal(Losses(1), Losses(3));
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
    }

    [Fact]
    public void RunsEverythingOnTheRealDataAndWritesMarkdownJsonAndCsv()
    {
        // A tiny vocabulary: a few analogy and similarity words, random vectors.
        var words = new[] { "the", "film", "good", "bad", "Athens", "Greece", "Baghdad", "Iraq", "man", "woman", "king", "queen", "tiger", "cat", "love", "sex" };
        var random = new Random(11);
        using var v = WordVectors.FromMatrix(words, Enumerable.Range(0, words.Length * 6).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
        var options = new EvaluationOptions
        {
            Sentiment = new SentimentOptions
            {
                Models = new[] { new SentimentClassifierSpec(new SoftmaxRegression(), new SentimentTrainingOptions(Epochs: 5, LearningRate: 0.1)) },
                Lambdas = new[] { 0.0, 0.01 },
            },
        };

        var results = EvaluationReport.Run(v, TestData.Root, options);

        Assert.Equal(new VectorsSummary(16, 6, "cpu"), results.Vectors);
        Assert.Equal(2, results.Analogy.Count);
        Assert.All(results.Analogy, r =>
        {
            Assert.Equal(14, r.Sections.Count);
            Assert.Equal(19_544, r.Total.Total);
            Assert.True(r.Total.Answered > 0); // Athens Greece Baghdad Iraq, king queen man woman, …
            Assert.Equal(16, r.RestrictVocab);
        });
        Assert.Equal(new[] { "WordSim-353", "SimLex-999", "MEN", "RW", "MTurk-771" }, results.Similarity.Select(s => s.Dataset));
        Assert.Equal(new[] { 353, 999, 3000, 2034, 771 }, results.Similarity.Select(s => s.Pairs));
        Assert.True(results.Similarity[0].Found >= 2); // love–sex, tiger–cat
        Assert.NotNull(results.Sentiment);
        Assert.Equal(2, results.Sentiment!.Results.Count);
        Assert.Equal(8544 + 1101 + 2210, results.Sentiment.Coverage.Sentences);
        var binary = results.Sentiment.Results.Single(r => r.Task == SentimentTask.Binary);
        Assert.Equal((6920, 872, 1821), (binary.TrainSize, binary.DevSize, binary.TestSize));
        Assert.Equal(2, results.ConfusionMatrices().Count);

        using var tmp = new TempFolder();
        var folder = tmp.File("report");   // Write makes it
        var written = EvaluationReport.Write(results, folder);
        Assert.Equal(4, written.Count);
        Assert.Equal(written.OrderBy(f => f), EvaluationReport.ExistingFiles(folder).OrderBy(f => f));
        var md = File.ReadAllText(Path.Combine(folder, EvaluationReport.MarkdownFile));
        Assert.Contains("## Word analogies", md);
        Assert.Contains("| **syntactic** |", md);
        Assert.Contains("## Word similarity", md);
        Assert.Contains("| SimLex-999 | 999 |", md);
        Assert.Contains("| Spearman ρ | 95 % interval |", md);
        Assert.Contains("## Sentence sentiment (SST)", md);
        Assert.Contains("### SST binary, softmax regression", md);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, EvaluationReport.JsonFile)));
        var root = json.RootElement;
        Assert.Equal(16, root.GetProperty("vectors").GetProperty("words").GetInt32());
        Assert.Equal("cosAdd", root.GetProperty("analogy")[0].GetProperty("method").GetString());
        var total = root.GetProperty("analogy")[0].GetProperty("total");
        Assert.Equal(19_544, total.GetProperty("total").GetInt32());
        Assert.True(root.GetProperty("similarity")[0].TryGetProperty("spearmanLow", out _));
        var confusion = root.GetProperty("sentiment").GetProperty("results")[1].GetProperty("testConfusion");
        Assert.Equal(2, confusion.GetProperty("labels").GetArrayLength());
        Assert.Equal(1821, confusion.GetProperty("total").GetInt32());
        Assert.Equal(2, confusion.GetProperty("counts")[0].GetArrayLength());

        Assert.True(File.Exists(Path.Combine(folder, "confusion-binary-softmax-regression.csv")));
        Assert.StartsWith("true \\ predicted,very negative,negative,neutral,positive,very positive\n",
            File.ReadAllText(Path.Combine(folder, "confusion-five-class-softmax-regression.csv")));
        Assert.Empty(results.PhraseAnalogy!);   // no phrase token: no phrase questions
        Assert.DoesNotContain("Phrase analogies", md);
    }

    [Fact]
    public void VectorsWithPhraseTokensAnswerThePhraseQuestionsOverTheWholeVocabulary()
    {
        // questions-phrases.txt: "Boston Boston_Globe Chicago Chicago_Tribune" and its kin; the phrase
        // offsets made equal, so 3CosAdd answers them.
        string[] words = ["boston", "boston_globe", "chicago", "chicago_tribune", "filler", "other"];
        float[][] rows = [[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 1, 1, 0], [0, 0, 0, 1], [0.5f, 0, 0, 0.5f]];
        using var v = WordVectors.FromMatrix(words, rows.SelectMany(r => r).ToArray());
        var results = EvaluationReport.Run(v, TestData.Root, new EvaluationOptions { RunAnalogy = false, RunSimilarity = false, RunSentiment = false });
        Assert.EndsWith("questions-phrases.txt", results.PhraseAnalogyFile);
        var cosAdd = results.PhraseAnalogy!.Single(r => r.Method == AnalogyMethod.CosAdd);
        Assert.Equal(3_218, cosAdd.Total.Total);
        Assert.Equal(6, cosAdd.RestrictVocab);
        Assert.Equal(2, cosAdd.Total.Answered);   // Boston:Globe::Chicago:? and Chicago:Tribune::Boston:?
        Assert.Equal(2, cosAdd.Total.Correct);
        Assert.Contains("## Phrase analogies", ReportMarkdown.Render(results));
    }

    [Fact]
    public void PhraseTokensWithoutThePhraseQuestionsAreReportedAsMissing()
    {
        // A data folder of its own without eval/questions-phrases.txt: the report says so instead of failing.
        using var data = new TempFolder();
        Directory.CreateDirectory(data.File("eval"));
        using var v = WordVectors.FromMatrix(["new_york", "york", "new"], [1, 0, 0, 1, 0.5f, 0.5f]);
        var results = EvaluationReport.Run(v, data.Path, new EvaluationOptions { RunAnalogy = false, RunSimilarity = false, RunSentiment = false });
        Assert.Equal(Path.Combine(data.Path, EvaluationReport.PhraseAnalogyFile), results.PhraseAnalogyFile);
        Assert.Empty(results.PhraseAnalogy!);
        Assert.Contains($"The vectors hold phrase tokens, but there is no `{results.PhraseAnalogyFile}` to ask them.", ReportMarkdown.Render(results));
    }
}
