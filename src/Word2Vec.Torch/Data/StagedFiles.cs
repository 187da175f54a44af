using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Files written together, as one: each is staged (<see cref="AtomicFile.Stage"/>), and none
/// replaces its old version until every one is written; then <see cref="Commit"/> renames them all.
/// Disposed before the commit (a write failed), it removes what it staged, so the folder keeps the
/// previous run's files, whole and consistent. Files (and folders) of the old version that the new one
/// does not have are named with <see cref="Remove"/> and go at the commit, after the new files are in.
/// </summary>
internal sealed class StagedFiles(string dir) : IDisposable
{
    private readonly List<(string Staged, string Path)> _files = new();
    private readonly List<string> _removals = new();
    private readonly List<string> _removalFailures = new();

    public string Folder { get; } = Path.GetFullPath(dir);

    /// <summary>Stages <paramref name="name"/> (a file of the folder); returns the path it will have.</summary>
    public string Add(string name, Action<Stream> write)
    {
        var path = Path.Combine(Folder, name);
        _files.Add((AtomicFile.Stage(path, write), path));
        return path;
    }

    public string AddText(string name, string text) => Add(name, s => s.Write(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>At the commit, removes <paramref name="name"/> (a file or folder of the folder) if it is there and
    /// nothing staged replaces it: an output of the previous version that the new one does not write.</summary>
    public void Remove(string name) => _removals.Add(Path.Combine(Folder, name));

    /// <summary>What <see cref="Commit"/> could not remove of <see cref="Remove"/>'s (the new files were in by then):
    /// a line each, naming the path and why.</summary>
    public IReadOnlyList<string> RemovalFailures => _removalFailures;

    /// <summary>Throws the error <see cref="Commit"/> would give when one of <paramref name="paths"/> is a folder: for a
    /// check before the work whose outputs they are.</summary>
    public static void CheckReplaceable(IEnumerable<string> paths)
    {
        foreach (var path in paths)
            if (Directory.Exists(path))
                throw new IOException($"{path} is a folder, so this output cannot replace it");
    }

    /// <summary>Renames every staged file over its target, then removes what <see cref="Remove"/> named (a removal
    /// that fails is kept in <see cref="RemovalFailures"/>, not thrown: the new version is whole); returns the targets.</summary>
    /// <exception cref="IOException">Nothing was replaced (a target is a folder), or, as
    /// <see cref="PartialCommitException"/>, a rename failed after others had been made.</exception>
    public IReadOnlyList<string> Commit()
    {
        // What would stop a rename is looked for first, so that a failure mid-way is as unlikely as it can be made.
        CheckReplaceable(_files.Select(f => f.Path));
        var committed = new List<string>();
        foreach (var (staged, path) in _files)
        {
            try
            {
                AtomicFile.Commit(staged, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PartialCommitException(committed, _files.Select(f => f.Path).Except(committed).ToList(), e);
            }
            committed.Add(path);
        }
        foreach (var stale in _removals.Except(committed))
        {
            try
            {
                if (Directory.Exists(stale)) Directory.Delete(stale, recursive: true);
                else if (File.Exists(stale)) File.Delete(stale);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _removalFailures.Add($"{stale}: {e.Message}");
            }
        }
        _files.Clear();
        _removals.Clear();
        return committed;
    }

    public void Dispose()
    {
        foreach (var (staged, _) in _files) AtomicFile.TryDelete(staged);
        _files.Clear();
    }
}
