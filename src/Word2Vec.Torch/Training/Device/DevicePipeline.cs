using System.Globalization;

namespace Word2Vec.Torch.Training;

/// <summary>
/// What the device-resident pipeline (training.pipeline = device) supports: word2vec.c's skip-gram
/// with negative sampling over a text corpus, summed per-pair losses, hand-derived gradients on
/// the tensor engine. Checked before any data is read, with messages that name the keys.
/// </summary>
/// <remarks>The files of Training/Device share the namespace of Training (as the Evaluation
/// subfolders share theirs): a namespace called Device would hide torch's Device type.</remarks>
public static class DevicePipeline
{
    /// <summary>Each problem with running <paramref name="o"/> on the device pipeline ("key = value: rule.");
    /// empty when the options name the host pipeline.</summary>
    public static List<string> Problems(TrainingOptions o)
    {
        var p = new List<string>();
        if (o.Training.Pipeline != PipelineKind.Device) return p;
        void Need(bool ok, string key, object value, string rule)
        {
            if (!ok) p.Add($"{key} = {Convert.ToString(value, CultureInfo.InvariantCulture)}: {rule}.");
        }

        const string why = "training.pipeline = device";
        var t = o.Training;
        Need(o.Corpus.Format == CorpusFormat.Text, "corpus.format", o.Corpus.Format,
            $"{why} needs a text corpus (corpus.format = text); the SST reading of the CS224N assignment runs on the host pipeline");
        Need(o.Model.Architecture == Architecture.SkipGram, "model.architecture", o.Model.Architecture, $"{why} trains skip-gram only");
        Need(o.Loss.Type == LossKind.NegativeSampling, "loss.type", o.Loss.Type, $"{why} needs loss.type = negativeSampling");
        Need(t.Reduction == LossReduction.Sum, "training.reduction", t.Reduction, $"{why} needs training.reduction = sum (word2vec.c's per-pair steps)");
        Need(t.Gradients == GradientMode.Manual, "training.gradients", t.Gradients, $"{why} uses the hand-derived gradients (training.gradients = manual)");
        Need(t.Engine == EngineKind.Tensor, "training.engine", t.Engine, $"{why} runs on the tensor engine (training.engine = tensor)");
        return p;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing <see cref="Problems"/>, if there are any.</summary>
    public static void ThrowIfUnsupported(TrainingOptions o)
    {
        var p = Problems(o);
        if (p.Count > 0) throw new ArgumentException(string.Join(" ", p));
    }
}
