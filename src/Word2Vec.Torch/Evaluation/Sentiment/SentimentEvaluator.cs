using TorchSharp;
using Word2Vec.Torch.Vectors;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// SST sentence sentiment on top of word vectors (the older CS224N assignment's part 4): each
/// sentence is the average of its known words' vectors, standardised on the training split, in
/// float64; for each task and classifier, one classifier per λ of the grid is trained on train, the
/// λ with the best dev accuracy is kept, and its train, dev and test accuracies (beside the
/// majority class's) and test confusion matrix are reported.
/// </summary>
public sealed class SentimentEvaluator
{
    private readonly WordVectors _vectors;

    public SentimentEvaluator(WordVectors vectors, SentimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        _vectors = vectors;
        Options = options ?? new SentimentOptions();
        if (Options.Lambdas.Count == 0) throw new ArgumentException("The λ grid is empty.", nameof(options));
    }

    public SentimentOptions Options { get; }

    public SentimentReport Evaluate(SstTreebank treebank)
    {
        ArgumentNullException.ThrowIfNull(treebank);
        using var scope = torch.NewDisposeScope();
        var (train, trainCoverage) = SentenceFeatures.Average(_vectors, treebank.Train);
        var (dev, devCoverage) = SentenceFeatures.Average(_vectors, treebank.Dev);
        var (test, testCoverage) = SentenceFeatures.Average(_vectors, treebank.Test);
        if (Options.Standardize)
        {
            using var standardizer = FeatureStandardizer.Fit(train);
            (train, dev, test) = (standardizer.Apply(train), standardizer.Apply(dev), standardizer.Apply(test));
        }
        (train, dev, test) = (train.to(ScalarType.Float64), dev.to(ScalarType.Float64), test.to(ScalarType.Float64));
        var coverage = new FeatureCoverage(
            trainCoverage.Sentences + devCoverage.Sentences + testCoverage.Sentences,
            trainCoverage.Tokens + devCoverage.Tokens + testCoverage.Tokens,
            trainCoverage.KnownTokens + devCoverage.KnownTokens + testCoverage.KnownTokens,
            trainCoverage.SentencesWithoutKnownWords + devCoverage.SentencesWithoutKnownWords + testCoverage.SentencesWithoutKnownWords);

        var results = new List<SentimentResult>();
        foreach (var task in Options.Tasks)
        {
            var trainSet = Split.Of(task, treebank.Train, train);
            var devSet = Split.Of(task, treebank.Dev, dev);
            var testSet = Split.Of(task, treebank.Test, test);
            foreach (var spec in Options.Models)
                results.Add(Evaluate(task, spec, trainSet, devSet, testSet));
        }
        return new SentimentReport(coverage, results, Options.Standardize);
    }

    private SentimentResult Evaluate(SentimentTask task, SentimentClassifierSpec spec, Split train, Split dev, Split test)
    {
        var classCount = SentimentLabels.ClassCount(task);
        var search = new List<SentimentLambdaScore>();
        TrainedSentimentClassifier? best = null;
        var bestDev = double.NegativeInfinity;
        try
        {
            foreach (var lambda in Options.Lambdas)
            {
                var classifier = SentimentTrainer.Train(spec.Classifier, train.Features, train.Classes, classCount, lambda, spec.Training);
                var trainAccuracy = classifier.Accuracy(train.Features, train.Classes);
                var devAccuracy = classifier.Accuracy(dev.Features, dev.Classes);
                search.Add(new SentimentLambdaScore(lambda, trainAccuracy, devAccuracy, classifier.FinalLoss, classifier.Minimization));
                if (best is null || devAccuracy > bestDev)
                {
                    best?.Dispose();
                    best = classifier;
                    bestDev = devAccuracy;
                }
                else classifier.Dispose();
            }
            var chosen = search.First(s => s.Lambda == best!.Lambda);
            var predicted = best!.Predict(test.Features);
            var confusion = new ConfusionMatrix(SentimentLabels.ClassNames(task), test.Classes, predicted);
            return new SentimentResult(task, spec.Classifier.Name, chosen.Lambda, chosen.TrainAccuracy, chosen.DevAccuracy, confusion.Accuracy,
                train.Classes.Length, dev.Classes.Length, test.Classes.Length, search, confusion,
                MajorityBaseline.Of(task, train.Classes, dev.Classes, test.Classes));
        }
        finally
        {
            best?.Dispose();
        }
    }

    /// <summary>A split's rows kept by a task: features and classes.</summary>
    private sealed record Split(Tensor Features, long[] Classes)
    {
        public static Split Of(SentimentTask task, IReadOnlyList<SstSentence> sentences, Tensor allFeatures)
        {
            var (rows, classes) = SentimentLabels.Select(task, sentences);
            var features = allFeatures.index_select(0, tensor(rows, device: allFeatures.device));
            return new Split(features, classes);
        }
    }
}
