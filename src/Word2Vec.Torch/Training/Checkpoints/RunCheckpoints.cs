using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Engines;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training.Checkpoints;

/// <summary>
/// A run's checkpoints, for the training loop:
/// the start (resume from the newest compatible checkpoint in the folder, or fresh parameters) and
/// the writes (a finite snapshot with the state an exact resume needs, old ones pruned).
/// </summary>
internal sealed class RunCheckpoints
{
    private readonly TrainingOptions _o;
    private readonly string? _dir;
    private readonly int _vocabSize;
    private readonly string _vocabHash;
    private readonly string _dtype;
    private readonly Dictionary<string, string> _fingerprint;
    private long _lastSaved = -1;

    /// <param name="checkpointDir">null: none are written or read.</param>
    public RunCheckpoints(TrainingOptions options, string? checkpointDir, IReadOnlyList<string> words, ScalarType dtype)
    {
        _o = options;
        _dir = checkpointDir;
        _vocabSize = words.Count;
        _vocabHash = CheckpointFile.HashWords(words);
        _dtype = DeviceSelection.Name(dtype);
        _fingerprint = RunFingerprint.Of(options);
    }

    /// <summary>The newest checkpoint's parameters and state (after checking that it fits this run),
    /// or fresh parameters and an empty state. <paramref name="resumedFrom"/> is the file, or null.</summary>
    public (Embeddings Model, CheckpointState State) Start(Device device, ScalarType dtype, out string? resumedFrom)
    {
        resumedFrom = _dir is not null && _o.Checkpoints.Resume ? CheckpointFile.List(_dir).FirstOrDefault() : null;
        if (resumedFrom is null)
            return (Embeddings.Initialize(_vocabSize, _o.Model.Dimension, dtype, device, _o.Seed), new CheckpointState());
        var (embeddings, state) = CheckpointFile.Load(resumedFrom, device);
        RunFingerprint.CheckCompatible(resumedFrom, state, _vocabSize, _o.Model.Dimension, _dtype, _vocabHash, _fingerprint, embeddings);
        _lastSaved = state.Step;
        return (embeddings, state);
    }

    /// <summary>
    /// Writes the checkpoint of step <paramref name="state"/>.Step (once per step; nothing without a
    /// folder): fills in the run's identity, refuses non-finite parameters, prunes old files.
    /// </summary>
    /// <param name="state">Step, words, smoothed loss, source state, curve and wall time already set.</param>
    /// <param name="snapshot">The parameters now (the caller's; disposed here).</param>
    public void Save(CheckpointState state, Func<Embeddings> snapshot)
    {
        if (_dir is null || _lastSaved == state.Step) return;
        using var embeddings = snapshot();
        if (!embeddings.IsFinite())
            throw new TrainingDivergedException($"the parameters are no longer finite at step {state.Step}; the last good checkpoint is kept.");
        state.VocabSize = _vocabSize;
        state.Dimension = _o.Model.Dimension;
        state.Dtype = _dtype;
        state.VocabularyHash = _vocabHash;
        state.Fingerprint = _fingerprint;
        CheckpointFile.Save(Path.Combine(_dir, CheckpointFile.FileName(state.Step)), embeddings, state);
        _lastSaved = state.Step;
        CheckpointFile.Prune(_dir, _o.Checkpoints.Keep);
    }
}
