using System.Text;

namespace Word2Vec.Torch.Evaluation;

/// <summary>The results as a Markdown document.</summary>
public static class ReportMarkdown
{
    public static string Render(EvaluationResults results)
    {
        var md = new StringBuilder();
        var v = results.Vectors;
        md.AppendLine("# Word-vector evaluation").AppendLine();
        md.AppendLine($"{ReportText.Count(v.Words)} words × {v.Dimension} dimensions, on {v.Device}; evaluated in {results.Seconds:F1} s.").AppendLine();
        if (results.Analogy.Count > 0) Analogy(md, "Word analogies", "Google analogy questions", results.AnalogyFile, results.Analogy);
        if (results.PhraseAnalogy is { Count: > 0 } phrases) Analogy(md, "Phrase analogies", "word2vec.c's phrase analogy questions", results.PhraseAnalogyFile, phrases);
        else if (results.PhraseAnalogyFile is { } missing)
            md.AppendLine("## Phrase analogies").AppendLine().AppendLine($"The vectors hold phrase tokens, but there is no `{missing}` to ask them.").AppendLine();
        if (results.Similarity.Count > 0) Similarity(md, results.Similarity);
        if (results.Sentiment is not null) Sentiment(md, results.Sentiment);
        return md.ToString();
    }

    private static void Analogy(StringBuilder md, string title, string what, string? file, IReadOnlyList<AnalogyResult> analogy)
    {
        var first = analogy[0];
        md.AppendLine($"## {title}").AppendLine();
        md.AppendLine($"{what}{(file is null ? "" : $" (`{Path.GetFileName(file)}`)")}, " +
                      $"lower-cased, restricted to the {ReportText.Count(first.RestrictVocab)} most frequent words; " +
                      "a question with a word outside them is skipped. Accuracy over the answered questions.").AppendLine();
        md.Append("| Section | Questions | Answered |");
        foreach (var r in analogy) md.Append($" {MethodName(r.Method)} |");
        md.AppendLine().Append("|---|---:|---:|");
        foreach (var _ in analogy) md.Append("---:|");
        md.AppendLine();
        for (var s = 0; s < first.Sections.Count; s++)
            Row(md, first.Sections[s].Section, analogy.Select(r => r.Sections[s].Score).ToList());
        Row(md, "**semantic**", analogy.Select(r => r.Semantic).ToList());
        Row(md, "**syntactic**", analogy.Select(r => r.Syntactic).ToList());
        Row(md, "**total**", analogy.Select(r => r.Total).ToList());
        md.AppendLine();
        foreach (var r in analogy)
            md.AppendLine($"- {MethodName(r.Method)}: {ReportText.Count(r.Total.Correct)} correct of {ReportText.Count(r.Total.Answered)} answered, " +
                          $"{ReportText.Count(r.Total.Skipped)} skipped ({ReportText.Percent(r.Total.Coverage)} answered).");
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string name, IReadOnlyList<AnalogyScore> scores)
    {
        md.Append($"| {name} | {ReportText.Count(scores[0].Total)} | {ReportText.Count(scores[0].Answered)} |");
        foreach (var s in scores) md.Append($" {ReportText.Percent(s.Accuracy)} |");
        md.AppendLine();
    }

    private static string MethodName(AnalogyMethod m) => m == AnalogyMethod.CosAdd ? "3CosAdd" : "3CosMul";

    private static void Similarity(StringBuilder md, IReadOnlyList<SimilarityResult> results)
    {
        md.AppendLine("## Word similarity").AppendLine();
        md.AppendLine("Spearman's ρ between human scores and cosine similarities, over the pairs whose words are both known (lower-cased), " +
                      "with its approximate 95 % confidence interval (Fisher's z, the pairs taken as independent; none under " +
                      $"{ConfidenceIntervals.MinimumPairs} pairs).").AppendLine();
        md.AppendLine("| Dataset | Pairs | Found | Coverage | Spearman ρ | 95 % interval |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            md.AppendLine($"| {r.Dataset} | {ReportText.Count(r.Pairs)} | {ReportText.Count(r.Found)} | {ReportText.Percent(r.Coverage)} | " +
                          $"{ReportText.Number(r.Spearman)} | {ReportText.Interval(r.SpearmanLow, r.SpearmanHigh)} |");
        md.AppendLine();
    }

    private static void Sentiment(StringBuilder md, SentimentReport report)
    {
        var c = report.Coverage;
        md.AppendLine("## Sentence sentiment (SST)").AppendLine();
        md.AppendLine("Features: the average of a sentence's known word vectors" +
                      (report.Standardized ? ", standardised on the training split's mean and deviation" : "") +
                      ". λ (L2) chosen on dev; accuracy on the kept sentences (binary: neutral dropped). " +
                      "The majority row of each task always answers the training split's most frequent class.").AppendLine();
        md.AppendLine($"Token coverage {ReportText.Percent(c.TokenCoverage)} ({ReportText.Count(c.KnownTokens)} of {ReportText.Count(c.Tokens)}); " +
                      $"{ReportText.Count(c.SentencesWithoutKnownWords)} of {ReportText.Count(c.Sentences)} sentences without a known word.").AppendLine();
        md.AppendLine("| Task | Classifier | λ | Train | Dev | Test |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var task in report.Results.GroupBy(r => r.Task))
        {
            var m = task.First().Majority;
            md.AppendLine($"| {ReportText.TaskName(task.Key)} | majority class (\"{m.ClassName}\") | – | {ReportText.Percent(m.TrainAccuracy)} | " +
                          $"{ReportText.Percent(m.DevAccuracy)} | {ReportText.Percent(m.TestAccuracy)} |");
            foreach (var r in task)
                md.AppendLine($"| {ReportText.TaskName(r.Task)} | {r.Classifier} | {ReportText.Lambda(r.Lambda)} | {ReportText.Percent(r.TrainAccuracy)} | " +
                              $"{ReportText.Percent(r.DevAccuracy)} | {ReportText.Percent(r.TestAccuracy)} |");
        }
        md.AppendLine();
        foreach (var r in report.Results)
        {
            md.AppendLine($"### {ReportText.Title(r)}").AppendLine();
            md.AppendLine("λ search: " + string.Join(", ", r.LambdaSearch.Select(s =>
                $"{ReportText.Lambda(s.Lambda)} → dev {ReportText.Percent(s.DevAccuracy)}{Training(s)}"))).AppendLine();
            var m = r.TestConfusion;
            md.AppendLine("Test confusion matrix (rows: true class, columns: predicted):").AppendLine();
            md.Append("| true \\ predicted |");
            foreach (var l in m.Labels) md.Append($" {l} |");
            md.AppendLine().Append("|---|");
            foreach (var _ in m.Labels) md.Append("---:|");
            md.AppendLine();
            for (var t = 0; t < m.Labels.Count; t++)
            {
                md.Append($"| {m.Labels[t]} |");
                foreach (var n in m.Counts[t]) md.Append($" {n} |");
                md.AppendLine();
            }
            md.AppendLine();
        }
    }

    /// <summary>" (J 1.5641, L-BFGS converged in 143 iterations)", or nothing after a fixed number of epochs.</summary>
    private static string Training(SentimentLambdaScore s) => s.Minimization is not { } m
        ? ""
        : FormattableString.Invariant($" (J {s.FinalLoss:F6}, L-BFGS {(m.Converged ? "converged" : "stopped at its limit")} in {m.Iterations} iterations, max |∇J| {m.GradientNorm:0.0E+0})");
}
