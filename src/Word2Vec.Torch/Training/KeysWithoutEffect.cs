namespace Word2Vec.Torch.Training;

/// <summary>
/// The keys that the other options make pointless, each with why: a config that sets one is told so
/// (a warning, not an error: configs are often copied and changed), so that nothing it says is
/// dropped without a word. Range and combination problems are <see cref="OptionsValidator"/>'s.
/// </summary>
internal static class KeysWithoutEffect
{
    public static IEnumerable<(string Key, string Why)> Of(TrainingOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Corpus.Format == CorpusFormat.Sst)
        {
            const string sst = "corpus.format = sst is read as the assignment reads it (its own vocabulary and subsampling)";
            foreach (var key in new[] { "corpus.minCount", "corpus.maxVocab", "corpus.maxVocabDuringCounting", "corpus.cacheDir", "corpus.sample" })
                yield return (key, sst);
            yield return ("training.batchSize", "corpus.format = sst takes training.windowsPerStep windows a step");
        }
        else yield return ("training.windowsPerStep", "corpus.format = text takes training.batchSize examples a step");
        if (o.Training.Engine != EngineKind.Device) yield return ("training.chunkWords", "only training.engine = device reads it");
        if (o.Training.Engine != EngineKind.Cpu) yield return ("training.hotRows", "only training.engine = cpu reads it");
        else if (o.Threads == 1) yield return ("training.hotRows", "one thread shares no rows (threads = 1)");
        else if (o.Loss.Type == LossKind.NaiveSoftmax) yield return ("training.hotRows", "naive softmax updates every output row; the cpu engine keeps no copies for it");
        if (o.Model.Architecture != Architecture.Cbow) yield return ("model.cbowCombine", "skip-gram has no context to combine");
        var loss = o.Loss.Type.ToString();
        if (!o.Loss.UsesNegatives) yield return ("loss.negatives", $"loss.type = {char.ToLowerInvariant(loss[0])}{loss[1..]} draws no negatives");
        if (o.Schedule.Type == ScheduleKind.Linear)
        {
            yield return ("schedule.annealEvery", "schedule.type = linear decays smoothly");
            yield return ("schedule.annealFactor", "schedule.type = linear decays smoothly");
        }
        else yield return ("schedule.minLearningRate", "schedule.type = step has no floor");
    }
}
