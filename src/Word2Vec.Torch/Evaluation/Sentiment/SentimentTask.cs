namespace Word2Vec.Torch.Evaluation;

/// <summary>The two SST sentence tasks.</summary>
public enum SentimentTask
{
    /// <summary>Fine-grained: the five root labels 0–4.</summary>
    FiveClass,

    /// <summary>Binary: neutral (2) dropped; 0, 1 → negative (0), 3, 4 → positive (1).</summary>
    Binary,
}

/// <summary>Label mapping and class names of the sentiment tasks.</summary>
public static class SentimentLabels
{
    private static readonly string[] FiveClassNames = { "very negative", "negative", "neutral", "positive", "very positive" };
    private static readonly string[] BinaryNames = { "negative", "positive" };

    public static IReadOnlyList<string> ClassNames(SentimentTask task) => task == SentimentTask.Binary ? BinaryNames : FiveClassNames;

    public static int ClassCount(SentimentTask task) => ClassNames(task).Count;

    /// <summary>The task's class of a root label, or null when the task drops the sentence.</summary>
    public static int? Map(SentimentTask task, int label)
    {
        if (label is < 0 or > 4) throw new ArgumentOutOfRangeException(nameof(label), label, "SST labels are 0–4.");
        return task switch
        {
            SentimentTask.FiveClass => label,
            SentimentTask.Binary => label switch { < 2 => 0, 2 => null, _ => 1 },
            _ => throw new ArgumentOutOfRangeException(nameof(task), task, null),
        };
    }

    /// <summary>The positions of the sentences the task keeps, and their classes.</summary>
    public static (long[] Rows, long[] Classes) Select(SentimentTask task, IReadOnlyList<SstSentence> sentences)
    {
        var rows = new List<long>();
        var classes = new List<long>();
        for (var i = 0; i < sentences.Count; i++)
            if (Map(task, sentences[i].Label) is { } c)
            {
                rows.Add(i);
                classes.Add(c);
            }
        return (rows.ToArray(), classes.ToArray());
    }
}
