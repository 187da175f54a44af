using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>
/// A file the user names is checked before it is read, and a symbolic link counts as the file it leads to: one whose
/// file is gone is named with where it leads (File.Exists counts such a link, and opening it was .NET's bare "Could
/// not find file" of the target).
/// </summary>
public sealed class InputFileTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [LinuxFact("symbolic links")]
    public void EachKindOfPathHasItsProblemOrNone()
    {
        var file = _tmp.Write("a.txt", "a\n");
        var link = _tmp.File("link.txt");
        File.CreateSymbolicLink(link, file);
        var linkToLink = _tmp.File("link2.txt");
        File.CreateSymbolicLink(linkToLink, link);
        var gone = _tmp.File("gone.txt");
        var dangling = _tmp.File("dangling.txt");
        File.CreateSymbolicLink(dangling, gone);
        var danglingThroughLink = _tmp.File("dangling2.txt");
        File.CreateSymbolicLink(danglingThroughLink, dangling);

        Assert.Null(InputFile.Problem(file));
        Assert.Null(InputFile.Problem(link));
        Assert.Null(InputFile.Problem(linkToLink));
        Assert.Equal($"is a symbolic link to {gone}, which does not exist", InputFile.Problem(dangling));
        Assert.Equal($"is a symbolic link to {dangling}, which does not exist", InputFile.Problem(danglingThroughLink));
        Assert.Equal("is a folder, not a file", InputFile.Problem(_tmp.Path));
        Assert.Equal("does not exist", InputFile.Problem(gone));
        Assert.True(File.Exists(dangling));   // why the check is needed: .NET counts the link itself
        Assert.Equal(2, InputFile.Target(linkToLink).Length);
    }

    [LinuxFact("mkfifo(1), statx(2), /dev/null")]
    public void APipeOrADeviceIsNoFileToRead()
    {
        var pipe = MakePipe(_tmp.File("pipe"));
        Assert.Equal("is a named pipe, not a regular file", InputFile.Problem(pipe));
        Assert.Equal("is a device, not a regular file", InputFile.Problem("/dev/null"));
        var link = _tmp.File("link-to-pipe");
        File.CreateSymbolicLink(link, pipe);
        Assert.Equal("is a named pipe, not a regular file", InputFile.Problem(link));   // through the link
        Assert.True(new FileInfo(pipe).Exists);   // why the check is needed: .NET sees a file of length 0
    }

    [LinuxFact("mkfifo(1)")]
    public void ACorpusThatIsOrHoldsAPipeIsAnErrorNotAWaitForAWriter()
    {
        // Opening a pipe waits for a writer, and no signal ends that wait; a corpus is read twice besides.
        var folder = Directory.CreateDirectory(_tmp.File("corpus")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "a b c\n");
        var pipe = MakePipe(Path.Combine(folder, "b.txt"));
        foreach (var path in new[] { pipe, folder, Path.Combine(folder, "*.txt") })
        {
            var e = Assert.Throws<FileNotFoundException>(() => CorpusFiles.Resolve(path));
            Assert.Equal($"the corpus file {pipe} is a named pipe, not a regular file", e.Message);
        }
        Assert.Equal($"corpus file '{pipe}' is a named pipe, not a regular file.", Assert.Throws<FileNotFoundException>(() => CorpusFile.Open(pipe)).Message);
    }

    private static string MakePipe(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    public static TheoryData<string> Readers => ["vectors file", "counts file", "analogy file", "similarity file", "treebank file", "vocabulary file", "corpus file"];

    [LinuxTheory("symbolic links")]
    [MemberData(nameof(Readers))]
    public void EveryReaderNamesADanglingLinkAndWhereItLeads(string what)
    {
        var gone = _tmp.File("moved-away");
        var link = _tmp.File("link");
        File.CreateSymbolicLink(link, gone);
        var vectors = _tmp.Write("v.txt", "1 2\nking 1 0\n");
        Action read = what switch
        {
            "vectors file" => () => WordVectors.Load(link).Dispose(),
            "counts file" => () => WordVectors.Load(vectors, countsPath: link).Dispose(),
            "analogy file" => () => AnalogyQuestionSet.Load(link),
            "similarity file" => () => SimilarityDataset.Load(link),
            "treebank file" => () => SstTreeReader.Load(link),
            "vocabulary file" => () => Vocabulary.Load(link),
            "corpus file" => () => CorpusFile.Open(link).Dispose(),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var e = Assert.Throws<FileNotFoundException>(read);
        Assert.Equal($"{what} '{link}' is a symbolic link to {gone}, which does not exist.", e.Message);
        Assert.Equal(link, e.FileName);
    }
}
