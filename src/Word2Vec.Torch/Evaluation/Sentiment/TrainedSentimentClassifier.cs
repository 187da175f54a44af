using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>A classifier with trained parameters (owned: freed by <see cref="Dispose"/>).</summary>
public sealed class TrainedSentimentClassifier : IDisposable
{
    internal TrainedSentimentClassifier(ISentimentClassifier classifier, IReadOnlyList<Tensor> parameters, double lambda, double finalLoss,
        MinimizationResult? minimization)
    {
        Minimization = minimization;
        Classifier = classifier;
        Parameters = parameters;
        Lambda = lambda;
        FinalLoss = finalLoss;
    }

    public ISentimentClassifier Classifier { get; }

    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The L2 strength it was trained with.</summary>
    public double Lambda { get; }

    /// <summary>The regularised loss on the whole training set at the end.</summary>
    public double FinalLoss { get; }

    /// <summary>How L-BFGS ended (null after a fixed number of epochs).</summary>
    public MinimizationResult? Minimization { get; }

    /// <summary>The predicted class of each row of X.</summary>
    public long[] Predict(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return Classifier.Scores(Parameters, x).argmax(1).cpu().data<long>().ToArray();
    }

    /// <summary>The fraction of rows whose predicted class is the given one (NaN for no rows).</summary>
    public double Accuracy(Tensor x, IReadOnlyList<long> classes)
    {
        if (classes.Count == 0) return double.NaN;
        var predicted = Predict(x);
        return (double)predicted.Where((p, i) => p == classes[i]).Count() / classes.Count;
    }

    public void Dispose()
    {
        foreach (var p in Parameters) p.Dispose();
    }
}
