using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training.Checkpoints;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// A run as <see cref="RunFactory"/> made it from the options: the corpus it read, its batch source
/// and how to make its engine. <see cref="Train"/> resumes from the newest checkpoint of the folder
/// when the options say so (or starts from fresh parameters) and runs the <see cref="TrainingLoop"/>.
/// A run trains once.
/// </summary>
public abstract class TrainingRun : IDisposable
{
    private protected TrainingRun(TrainingOptions options, Vocabulary vocabulary, string description, Device device, ScalarType dtype)
    {
        Options = options;
        Vocabulary = vocabulary;
        Description = description;
        Device = device;
        Dtype = dtype;
    }

    public TrainingOptions Options { get; }

    /// <summary>The words of the vectors, in row order.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>A line for the log: what was read, how big it is.</summary>
    public string Description { get; }

    public Device Device { get; }
    public ScalarType Dtype { get; }

    /// <summary>What reading the corpus noticed and the run goes on despite (invalid UTF-8, say).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>What reading the corpus decided, for the log (a cache entry reused or written, the count's reductions).</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();

    /// <param name="checkpointDir">Where checkpoints are read and written (null: none); the run holds the
    /// folder's <see cref="FolderLock"/> while it trains.</param>
    public abstract TrainingResult Train(string? checkpointDir, IProgressSink? progress = null, CancellationToken cancel = default);

    public virtual void Dispose() { }
}

/// <summary>A run whose source and engine agree on the kind of batch.</summary>
internal sealed class TrainingRun<TBatch> : TrainingRun where TBatch : IBatch, new()
{
    private readonly IBatchSource<TBatch> _source;
    private readonly Func<Embeddings, ITrainingEngine<TBatch>> _createEngine;
    private readonly string _remedy;
    private readonly IDisposable[] _owned;
    private bool _trained;

    /// <param name="remedy">What to suggest when the loss stops being finite.</param>
    /// <param name="owned">What the run disposes with itself (the source, device tensors).</param>
    public TrainingRun(TrainingOptions options, Vocabulary vocabulary, string description, Device device, ScalarType dtype,
        IBatchSource<TBatch> source, Func<Embeddings, ITrainingEngine<TBatch>> createEngine, string remedy, params IDisposable[] owned)
        : base(options, vocabulary, description, device, dtype)
    {
        _source = source;
        _createEngine = createEngine;
        _remedy = remedy;
        _owned = owned;
    }

    public override TrainingResult Train(string? checkpointDir, IProgressSink? progress = null, CancellationToken cancel = default)
    {
        if (_trained) throw new InvalidOperationException("a TrainingRun trains once; make another with RunFactory.Create");
        _trained = true;
        var sink = progress ?? NullProgressSink.Instance;
        using var folder = checkpointDir is null ? null : FolderLock.Acquire(checkpointDir);
        var checkpoints = new RunCheckpoints(Options, checkpointDir, Vocabulary.Words, Dtype);
        var (embeddings, state) = checkpoints.Start(Device, Dtype, sink.Message, out var resumedPath);
        ITrainingEngine<TBatch> created;
        try
        {
            if (resumedPath is not null)
            {
                try { _source.SetState(state.BatchSourceState); }
                catch (ArgumentException e)
                {
                    // The fingerprint matched, yet the corpus is not the one the checkpoint was trained on (a file grown in place, say).
                    throw new InvalidDataException(
                        $"cannot resume from {resumedPath}: {e.PlainMessage()}. " +
                        "Was the corpus changed? Train afresh with --no-resume (checkpoints.resume = false), or restore the corpus.", e);
                }
                if (Options.Training.Steps > 0 && state.Step > Options.Training.Steps)
                    throw new InvalidDataException(
                        $"cannot resume from {resumedPath}: it is at step {state.Step:N0}, past training.steps = {Options.Training.Steps:N0}; " +
                        "its vectors are already those of a longer run. Raise training.steps, or train afresh with --no-resume (checkpoints.resume = false).");
                sink.Message($"resumed from {resumedPath} at step {state.Step}");
            }
            created = _createEngine(embeddings);
        }
        catch
        {
            embeddings.Dispose();   // until the engine owns them
            throw;
        }
        using var engine = created;
        return TrainingLoop.Run(Options, _source, engine, checkpoints, state, sink, _remedy, Description, cancel);
    }

    public override void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }
}
