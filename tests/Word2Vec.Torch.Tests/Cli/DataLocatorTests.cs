using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Word2Vec.Torch.Cli.Data;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>Where data is looked for, and the SST release's download when no data folder has it: served by a
/// handler in the test, or over a real socket by a server on loopback (no network), into a working directory of
/// the test's own.</summary>
public class DataLocatorTests
{
    private const string Sentences = "sentence_index\tsentence\n1\ta good film .\n";

    /// <summary>Answers every request with <paramref name="answer"/> and counts them.</summary>
    private sealed class Server(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Requests { get; private set; }
        public Uri? Asked { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            Asked = request.RequestUri;
            return Task.FromResult(answer());
        }
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
                using (var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false)))
                    w.Write(text);
        return bytes.ToArray();
    }

    private static Func<HttpResponseMessage> Serving(byte[] body, HttpStatusCode status = HttpStatusCode.OK) =>
        () => new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };

    private static DataLocator Locator(TempFolder work, Server server, TextWriter? log = null) =>
        new(null, log, "corpus.dataDir", work.Path, environmentDataDir: null) { Http = server, SstUrl = new Uri("http://sst.test/release.zip") };

    /// <summary>The names in <paramref name="folder"/> (none when it does not exist), sorted.</summary>
    private static string[] Entries(string folder) =>
        Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder).Select(p => Path.GetFileName(p)).Order().ToArray() : [];

    [Fact]
    public void TheSstReleaseIsDownloadedIntoDataOnceAndFoundThereAfter()
    {
        using var work = new TempFolder();
        var server = new Server(Serving(Zip(("stanfordSentimentTreebank/datasetSentences.txt", Sentences))));
        var log = new StringWriter();

        var folder = Locator(work, server, log).RequireSst("sst");

        Assert.Equal(Path.Combine(work.Path, "data", "stanfordSentimentTreebank"), folder);
        Assert.Equal(Sentences, File.ReadAllText(Path.Combine(folder, "datasetSentences.txt")));
        Assert.Equal(new Uri("http://sst.test/release.zip"), server.Asked);
        Assert.Contains("downloading http://sst.test/release.zip into " + Path.Combine(work.Path, "data"), log.ToString());
        Assert.Equal(["stanfordSentimentTreebank", "stanfordSentimentTreebank.zip"], Entries(Path.Combine(work.Path, "data")));

        Assert.Equal(folder, Locator(work, server).RequireSst("sst"));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void AFailedDownloadSaysWhyAndLeavesNoFolderItMade()
    {
        using var work = new TempFolder();
        var server = new Server(Serving(Encoding.UTF8.GetBytes("gone"), HttpStatusCode.NotFound));

        var e = Assert.Throws<FileNotFoundException>(() => Locator(work, server).RequireSst("sst"));

        Assert.Contains("corpus.path = \"sst\": the SST corpus is not here and could not be downloaded from http://sst.test/release.zip", e.Message);
        Assert.Contains("404", e.Message);
        Assert.Contains("unzip it into " + Path.Combine(work.Path, "data"), e.Message);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "data")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AZipThatIsNotTheReleaseIsNotKeptNorUnpacked(bool dataFolderExisted)
    {
        using var work = new TempFolder();
        var data = Path.Combine(work.Path, "data");
        if (dataFolderExisted) File.WriteAllText(Path.Combine(Directory.CreateDirectory(data).FullName, "mine.txt"), "the user's");
        var server = new Server(Serving(Zip(("elsewhere/datasetSentences.txt", Sentences))));

        var e = Assert.Throws<FileNotFoundException>(() => Locator(work, server).RequireSst("sst"));

        Assert.Contains("holds no stanfordSentimentTreebank folder", e.Message);
        Assert.Equal(dataFolderExisted ? ["mine.txt"] : [], Entries(data));
        Assert.Equal(dataFolderExisted, Directory.Exists(data));
    }

    [Fact]
    public void ABodyThatIsNoZipIsRefusedAndNothingIsLeft()
    {
        using var work = new TempFolder();
        var server = new Server(Serving(Encoding.UTF8.GetBytes("<html>a captive portal</html>")));

        var e = Assert.Throws<FileNotFoundException>(() => Locator(work, server).RequireSst("sst"));

        Assert.Contains("could not be downloaded from http://sst.test/release.zip", e.Message);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "data")));
    }

    /// <summary>A body that ends in a read error, after <paramref name="head"/>.</summary>
    private sealed class CutShort(byte[] head) : Stream
    {
        private int _at;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_at == head.Length) throw new IOException("the connection was reset");
            var n = Math.Min(count, head.Length - _at);
            Array.Copy(head, _at, buffer, offset, n);
            _at += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void ADownloadCutShortLeavesNoPartOfTheZip()
    {
        using var work = new TempFolder();
        var release = Zip(("stanfordSentimentTreebank/datasetSentences.txt", Sentences));
        var server = new Server(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CutShort(release[..(release.Length / 2)])) });

        var e = Assert.Throws<FileNotFoundException>(() => Locator(work, server).RequireSst("sst"));

        Assert.Contains("the connection was reset", e.Message);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "data")));
    }

    /// <summary>An HTTP server on loopback for one connection: it answers the request with a 200 that announces
    /// <paramref name="announced"/> bytes, sends <paramref name="body"/>, and closes the connection.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        public Uri Url { get; }
        public string? RequestLine { get; private set; }

        public LoopbackServer(byte[] body, int announced)
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/release.zip");
            _serving = Task.Run(async () =>
            {
                using var client = await _listener.AcceptTcpClientAsync();
                using var stream = client.GetStream();
                using (var request = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true))
                {
                    RequestLine = await request.ReadLineAsync();
                    while (!string.IsNullOrEmpty(await request.ReadLineAsync())) { }   // the headers, up to the empty line
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(body);
            });
        }

        public void Dispose()
        {
            _listener.Stop();
            try { _serving.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }   // a connection the client dropped
        }
    }

    /// <summary>A locator with the platform's own HTTP handler, downloading from <paramref name="url"/>.</summary>
    private static DataLocator OverSockets(TempFolder work, Uri url) =>
        new(null, null, "corpus.dataDir", work.Path, environmentDataDir: null) { SstUrl = url };

    [Fact]
    public void TheReleaseIsDownloadedOverARealConnection()
    {
        using var work = new TempFolder();
        var release = Zip(("stanfordSentimentTreebank/datasetSentences.txt", Sentences));
        using var server = new LoopbackServer(release, release.Length);

        var folder = OverSockets(work, server.Url).RequireSst("sst");

        Assert.Equal("GET /release.zip HTTP/1.1", server.RequestLine);
        Assert.Equal(Sentences, File.ReadAllText(Path.Combine(folder, "datasetSentences.txt")));
        Assert.Equal(release, File.ReadAllBytes(Path.Combine(work.Path, "data", "stanfordSentimentTreebank.zip")));
    }

    [Fact]
    public void AConnectionClosedBeforeTheWholeZipCameLeavesNothing()
    {
        using var work = new TempFolder();
        var release = Zip(("stanfordSentimentTreebank/datasetSentences.txt", Sentences));
        using var server = new LoopbackServer(release[..(release.Length / 2)], release.Length);

        var e = Assert.Throws<FileNotFoundException>(() => OverSockets(work, server.Url).RequireSst("sst"));

        Assert.Contains($"could not be downloaded from {server.Url}", e.Message);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "data")));
    }

    [Fact]
    public void AServerThatIsNotThereIsNamedInTheError()
    {
        using var work = new TempFolder();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/release.zip");
        listener.Stop();   // the port is closed: the connection is refused

        var e = Assert.Throws<FileNotFoundException>(() => OverSockets(work, url).RequireSst("sst"));

        Assert.Contains($"could not be downloaded from {url}", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "data")));
    }

    [Fact]
    public void ADataFolderThatHoldsTheReleaseIsUsedWithoutADownload()
    {
        using var work = new TempFolder();
        var shared = Directory.CreateDirectory(Path.Combine(work.Path, "shared-data", "sst")).Parent!.FullName;
        var server = new Server(() => throw new InvalidOperationException("no download was wanted"));

        var locator = new DataLocator(null, null, "corpus.dataDir", work.Path, environmentDataDir: shared) { Http = server };

        Assert.Equal(Path.Combine(shared, "sst"), locator.RequireSst("sst"));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void RelativePathsAreTakenFromTheWorkingDirectoryAndTheFoldersInTheirOrder()
    {
        using var work = new TempFolder();
        var named = Directory.CreateDirectory(Path.Combine(work.Path, "mine")).FullName;
        var env = Directory.CreateDirectory(Path.Combine(work.Path, "env")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(work.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(env, "a.txt"), "env");
        File.WriteAllText(Path.Combine(data, "a.txt"), "data");
        File.WriteAllText(Path.Combine(data, "b.txt"), "data");
        File.WriteAllText(Path.Combine(work.Path, "b.txt"), "here");

        var locator = new DataLocator("mine", null, "corpus.dataDir", work.Path, environmentDataDir: env);

        Assert.Equal([named, env, data, Path.GetFullPath(Path.Combine(work.Path, "..", "shared", "data"))], locator.Folders);
        Assert.Equal(named, locator.Named);
        Assert.Equal(Path.Combine(env, "a.txt"), locator.Find("a.txt"));
        Assert.Equal(Path.Combine(work.Path, "b.txt"), locator.Find("b.txt"));
        Assert.Null(locator.Find("c.txt"));
        var e = Assert.Throws<FileNotFoundException>(() => locator.Require("c.txt", "corpus.path"));
        Assert.Contains($"corpus.path = \"c.txt\": not found. Looked in: the working directory, {named}, {env}, {data}", e.Message);
    }
}
