namespace Word2Vec.Torch.Data;

/// <summary>
/// A file the user names, checked before it is read. A symbolic link counts as the file it leads to: .NET's
/// <c>File.Exists</c> counts a link whose file is gone, and opening it then fails with "Could not find file"
/// of the target alone, which names neither the link nor what the file was for.
/// </summary>
public static class InputFile
{
    /// <summary>The file <paramref name="path"/> names, through any symbolic links: its size and time are the text's
    /// (a link's own are not: its length is that of the path it holds).</summary>
    public static FileInfo Target(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
    }

    /// <summary>Why <paramref name="path"/> names no file to read ("does not exist", "is a folder", "is a named pipe,
    /// not a regular file", "is a symbolic link to T, which does not exist"), or null when it names one.</summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path)) return "is a folder, not a file";
        // A pipe, device or socket: opening a pipe waits for a writer, uninterruptibly, and a corpus is read twice.
        if (FileType.Of(path) is { } special) return $"is {special}, not a regular file";
        var info = new FileInfo(path);
        if (info.LinkTarget is { } link) return Target(path).Exists ? null : $"is a symbolic link to {link}, which does not exist";
        return info.Exists ? null : "does not exist";
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> "<paramref name="what"/> 'PATH' does not exist" (or is a
    /// folder, or a link to nothing) unless <paramref name="path"/> names a file.</summary>
    public static void Require(string path, string what)
    {
        if (Problem(path) is { } problem) throw new FileNotFoundException($"{what} '{path}' {problem}.", path);
    }
}
