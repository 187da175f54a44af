using System.Globalization;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training.Checkpoints;

/// <summary>
/// A run's checkpoints, for the training loop: the start (resume from the newest intact checkpoint
/// that fits the run, or fresh parameters) and the writes (a finite snapshot with the state an exact
/// resume needs, old ones pruned). The folder is the run's own while it lasts (the caller holds its
/// <see cref="FolderLock"/>).
/// </summary>
internal sealed class RunCheckpoints
{
    private readonly TrainingOptions _o;
    private readonly string? _dir;
    private readonly int _vocabSize;
    private readonly string _vocabHash;
    private readonly string _dtype;
    private readonly Dictionary<string, string> _fingerprint;
    private readonly TimeProvider _clock;
    private long _lastSaved = -1;
    private IReadOnlyList<string> _replaced = [];   // the earlier run's checkpoints, moved aside at this run's first write
    private Action<string> _say = _ => { };

    /// <param name="options">The run's options (its fingerprint, checkpoints.*).</param>
    /// <param name="checkpointDir">null: none are written or read.</param>
    /// <param name="words">The vocabulary, in id order (its hash guards resumes).</param>
    /// <param name="dtype">The parameters' dtype.</param>
    /// <param name="clock">The time that names a replaced-TIME folder (the system's when null).</param>
    public RunCheckpoints(TrainingOptions options, string? checkpointDir, IReadOnlyList<string> words, ScalarType dtype, TimeProvider? clock = null)
    {
        _o = options;
        _clock = clock ?? TimeProvider.System;
        _dir = checkpointDir;
        _vocabSize = words.Count;
        _vocabHash = CheckpointFile.HashWords(words);
        _dtype = DeviceSelection.Name(dtype);
        _fingerprint = RunFingerprint.Of(options);
    }

    /// <summary>
    /// The parameters and state a run starts from. First the folder is tidied: temporary files that
    /// killed writes left are removed. With checkpoints.resume: the newest checkpoint that reads back
    /// intact (a corrupt newer one is set aside as NAME.corrupt.N), after checking that it fits this run
    /// (a checkpoint of another configuration is refused, never skipped). Without: fresh parameters,
    /// and the old run's checkpoints are moved to replaced-TIME/ when this run writes its first
    /// checkpoint, so that they win neither pruning nor a later resume, and a run that fails before it
    /// has written anything (no training example, a loss that diverges at once) leaves them where they were.
    /// What it does is said through <paramref name="say"/>; <paramref name="resumedFrom"/> is the
    /// checkpoint resumed from, or null.
    /// </summary>
    public (Embeddings Embeddings, CheckpointState State) Start(Device device, ScalarType dtype, Action<string> say, out string? resumedFrom)
    {
        resumedFrom = null;
        _say = say;
        if (_dir is not null)
        {
            var leftovers = AtomicFile.RemoveLeftovers(_dir);
            if (leftovers.Count > 0) say($"removed {leftovers.Count} temporary file(s) that an interrupted run left in {_dir}: {string.Join(", ", leftovers)}");
            var existing = CheckpointFile.List(_dir);
            if (!_o.Checkpoints.Resume)
                _replaced = existing;
            else
            {
                foreach (var path in existing)
                {
                    Embeddings embeddings;
                    CheckpointState state;
                    try
                    {
                        (embeddings, state) = CheckpointFile.Load(path, device);
                    }
                    catch (InvalidDataException e)
                    {
                        var aside = SetAside(path);
                        say($"checkpoint {path} is corrupt ({e.Message}); set aside as {Path.GetFileName(aside)}, trying the next newest");
                        continue;
                    }
                    RunFingerprint.CheckCompatible(path, state, _vocabSize, _o.Model.Dimension, _dtype, _vocabHash, _fingerprint, embeddings);
                    _lastSaved = state.Step;
                    resumedFrom = path;
                    return (embeddings, state);
                }
                if (existing.Count > 0)
                    say($"no checkpoint of {_dir} reads back intact ({existing.Count} set aside as .corrupt): starting afresh at step 0");
            }
        }
        return (Embeddings.Initialize(_vocabSize, _o.Model.Dimension, dtype, device, _o.Seed, _o.Loss.OutputRows(_vocabSize)), new CheckpointState());
    }

    /// <summary>Moves a corrupt checkpoint to NAME.corrupt, or NAME.corrupt.2, .3 … when one is there already (a
    /// checkpoint of the same step that went bad before): none is overwritten. Returns where it went.</summary>
    private static string SetAside(string path)
    {
        var aside = path + ".corrupt";
        for (var n = 2; Path.Exists(aside); n++) aside = $"{path}.corrupt.{n}";
        File.Move(path, aside);
        return aside;
    }

    /// <summary>Moves the earlier run's checkpoints to a new replaced-TIME folder; returns it.</summary>
    private string Archive(IReadOnlyList<string> checkpoints, Action<string> say)
    {
        var stem = Path.Combine(_dir!, "replaced-" + _clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        var archive = stem;
        for (var n = 2; Path.Exists(archive); n++) archive = $"{stem}-{n}";   // two fresh starts in one second
        Directory.CreateDirectory(archive);
        foreach (var path in checkpoints) File.Move(path, Path.Combine(archive, Path.GetFileName(path)));
        say($"checkpoints.resume = false: moved the {checkpoints.Count} checkpoint(s) of the earlier run to {archive} " +
            $"({string.Join(", ", checkpoints.Select(Path.GetFileName))})");
        return archive;
    }

    /// <summary>Undoes <see cref="Archive"/> (this run's first checkpoint could not be written): the folder is as it was.</summary>
    private static void Restore(string archive, IReadOnlyList<string> checkpoints)
    {
        foreach (var path in checkpoints) File.Move(Path.Combine(archive, Path.GetFileName(path)), path);
        Directory.Delete(archive);
    }

    /// <summary>What a run that stops now leaves to resume from, for its message.</summary>
    public string Kept =>
        _dir is null ? "no checkpoint is written by this run"
        : _lastSaved < 0 ? $"no checkpoint had been written yet (checkpoints.every = {_o.Checkpoints.Every:N0}), so nothing was kept to resume from"
        : $"the last good checkpoint, of step {_lastSaved:N0}, is kept in {_dir}";

    /// <summary>How to go on from the checkpoint just written, for the message of a stopped run.</summary>
    public string ResumeHint =>
        _dir is null ? "this run writes no checkpoint, so it cannot be resumed"
        : _o.Checkpoints.Resume ? $"a checkpoint was written to {_dir}, run again to resume"
        : $"a checkpoint was written to {_dir}; run again with checkpoints.resume = true (without --no-resume) to resume from it, " +
          "as checkpoints.resume = false would set it aside and start afresh";

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
        Save(state, embeddings);
    }

    /// <summary>As <see cref="Save(CheckpointState, Func{Embeddings})"/>, from parameters the caller keeps (not disposed here).</summary>
    public void Save(CheckpointState state, Embeddings embeddings)
    {
        if (_dir is null || _lastSaved == state.Step) return;
        if (!embeddings.IsFinite())
            throw new TrainingDivergedException($"the parameters are no longer finite at step {state.Step}");
        var archive = _replaced.Count > 0 ? Archive(_replaced, _say) : null;
        state.VocabSize = _vocabSize;
        state.OutsideRows = embeddings.OutsideRows;
        state.Dimension = _o.Model.Dimension;
        state.Dtype = _dtype;
        state.VocabularyHash = _vocabHash;
        state.Fingerprint = _fingerprint;
        try
        {
            CheckpointFile.Save(Path.Combine(_dir, CheckpointFile.FileName(state.Step)), embeddings, state);
        }
        catch (FileWriteException e)   // a full disk, say: what is kept, and how to go on once that is mended
        {
            var back = "";
            if (archive is not null)
            {
                Restore(archive, _replaced);
                back = $"; the earlier run's {_replaced.Count} checkpoint(s) are back in {_dir}";
            }
            var again = _lastSaved < 0 ? "run again"
                : _o.Checkpoints.Resume ? "run the same command again to resume from it"
                : "run again with checkpoints.resume = true (without --no-resume) to resume from it";
            throw new IOException($"training stopped at step {state.Step:N0}: {e.Message}. {char.ToUpperInvariant(Kept[0])}{Kept[1..]}{back}: " +
                                  $"once the file can be written, {again}.", e);
        }
        _replaced = [];
        _lastSaved = state.Step;
        CheckpointFile.Prune(_dir, _o.Checkpoints.Keep);
    }
}
