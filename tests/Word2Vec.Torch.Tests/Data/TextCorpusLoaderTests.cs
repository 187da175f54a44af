using System.IO.Compression;
using System.Text;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

public class TextCorpusLoaderTests
{
    private static List<List<string>> Sentences(int words, ulong seed = 5)
    {
        var all = TextFiles.ZipfWords(words, types: 60, seed: seed);
        var rng = new Word2Vec.Torch.Sampling.RandomSource(seed);
        var sentences = new List<List<string>>();
        for (var i = 0; i < all.Count;)
        {
            var n = Math.Min(rng.NextInt(1, 25), all.Count - i);
            sentences.Add(all.GetRange(i, n));
            i += n;
        }
        return sentences;
    }

    /// <summary>The corpus as text: its words, then where its sentences end.</summary>
    private static string Read(TextCorpus corpus) => string.Join(' ', TextFiles.Decode(corpus)) + " | " + string.Join(',', corpus.SentenceEnds);

    [Fact]
    public void TheCacheIsWrittenOnceThenReusedWithTheSameIdsAndVocabulary()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("lines.txt");
        TextFiles.WriteLines(path, Sentences(5_000));
        var options = new TextCorpusOptions { MinCount = 2, CacheDirectory = tmp.File("cache") };
        var log = new List<string>();

        var first = TextCorpusLoader.Load(path, options, log: log.Add);
        Assert.NotNull(first.IdFile);
        Assert.StartsWith(tmp.File("cache"), first.IdFile);
        Assert.Null(first.Statistics!.CachedIdFile);
        Assert.Contains(log, l => l.Contains("wrote the corpus ids to the cache"));
        var idFileTime = File.GetLastWriteTimeUtc(first.IdFile!);

        log.Clear();
        var second = TextCorpusLoader.Load(path, options, log: log.Add);
        Assert.Equal(first.IdFile, second.Statistics!.CachedIdFile);
        Assert.Contains(log, l => l.Contains("reused the corpus ids"));
        Assert.Equal(idFileTime, File.GetLastWriteTimeUtc(first.IdFile!));
        Assert.Equal(first.Vocabulary.Words, second.Vocabulary.Words);
        Assert.Equal(first.Vocabulary.Counts, second.Vocabulary.Counts);
        Assert.Equal(Read(first), Read(second));
        Assert.Equal(first.Statistics.RawTokens, second.Statistics.RawTokens);
        Assert.Equal(first.Statistics.DistinctWords, second.Statistics.DistinctWords);

        // In memory without a cache folder: the same corpus.
        var inMemory = TextCorpus.Load(path, minCount: 2);
        Assert.Null(inMemory.IdFile);
        Assert.Equal(Read(first), Read(inMemory));

        // Other settings, another entry; a changed file, another entry.
        var min3 = TextCorpusLoader.Load(path, options with { MinCount = 3 });
        Assert.NotEqual(first.IdFile, min3.IdFile);
        File.AppendAllText(path, "zz zz zz\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var changed = TextCorpusLoader.Load(path, options);
        Assert.NotEqual(first.IdFile, changed.IdFile);
        Assert.Contains("zz", changed.Vocabulary.Words);
    }

    [Theory]
    [InlineData(1_000)]   // a file shorter than the 64 KiB sampled at each end
    [InlineData(200_000)]   // a change in the last 64 KiB of a longer one
    public void AFileRewrittenWithItsSizeAndTimeKeptIsReadAgain(int words)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(words));
        var options = new TextCorpusOptions { MinCount = 1, CacheDirectory = tmp.File("cache") };
        var first = TextCorpusLoader.Load(path, options);
        var time = File.GetLastWriteTimeUtc(path);

        // The same bytes but the last word's first letter (cp -p, rsync -t of another version).
        var bytes = File.ReadAllBytes(path);
        var last = Array.LastIndexOf(bytes, (byte)' ', bytes.Length - 2) + 1;
        bytes[last] = (byte)'Q';
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time);

        var again = TextCorpusLoader.Load(path, options);
        Assert.Null(again.Statistics!.CachedIdFile);
        Assert.NotEqual(first.IdFile, again.IdFile);
        Assert.Contains(again.Vocabulary.Words, w => w.StartsWith('Q'));
    }

    /// <summary>A corpus named through a symbolic link (a data folder of links): its size, time and ends are the text's,
    /// not the link's, which stay as they were when the text is rewritten.</summary>
    [LinuxFact("symbolic links")]
    public void AFileNamedThroughALinkIsKnownByTheFileItLeadsTo()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(200_000));
        var link = tmp.File("links/corpus");
        Directory.CreateDirectory(tmp.File("links"));
        File.CreateSymbolicLink(link, path);
        Assert.Equal(new FileInfo(path).Length, CorpusFiles.TotalBytes([link]));   // progress's total
        var options = new TextCorpusOptions { MinCount = 1, CacheDirectory = tmp.File("cache") };
        var first = TextCorpusLoader.Load(link, options);
        Assert.NotNull(first.IdFile);
        Assert.Equal(first.IdFile, TextCorpusLoader.Load(link, options).Statistics!.CachedIdFile);

        // Another version of the text: the same first bytes, a word more at the end, under the same link.
        File.AppendAllText(path, " Qzz");
        var again = TextCorpusLoader.Load(link, options);
        Assert.Null(again.Statistics!.CachedIdFile);
        Assert.NotEqual(first.IdFile, again.IdFile);
        Assert.Contains("Qzz", again.Vocabulary.Words);
    }

    [Fact]
    public void TheCacheLosesTheTemporaryFilesOfEndedRunsNotOfLiveOnes()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(2_000));
        var cache = tmp.File("cache");
        Directory.CreateDirectory(cache);
        // Max pid on Linux is 4,194,304: no process has 2,147,483,646 (a run killed while it encoded, two hours ago).
        var ended = Path.Combine(cache, ".text8-0123456789abcdef.ids.2147483646.tmp");
        var recent = Path.Combine(cache, ".text8-fedcba9876543210.ids.2147483646.tmp");   // written a minute ago: maybe another machine's
        var live = Path.Combine(cache, $".other-0123456789abcdef.ids.{Environment.ProcessId}.tmp");
        File.WriteAllText(ended, "half an id file");
        File.WriteAllText(recent, "being written elsewhere");
        File.WriteAllText(live, "being written");
        File.SetLastWriteTimeUtc(ended, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddMinutes(-1));
        File.SetLastWriteTimeUtc(live, DateTime.UtcNow.AddHours(-2));
        var log = new List<string>();
        TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = 1, CacheDirectory = cache }, log: log.Add);
        Assert.False(File.Exists(ended));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(live));
        Assert.Contains(log, l => l.Contains("removed 1 temporary file(s) of ended runs") && l.Contains(Path.GetFileName(ended)));
    }

    [Theory]
    [InlineData(1, "counting words")]
    [InlineData(2, "encoding ids")]
    public void ACancelledReadingStopsItsPassAndTheCacheKeepsNothing(int pass, string what)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(300_000));   // more than 2^16 words: each pass checks at least once
        var cache = tmp.File("cache");
        var options = new TextCorpusOptions { MinCount = 1, CacheDirectory = cache };
        using var cancel = new CancellationTokenSource();
        if (pass == 1) cancel.Cancel();
        // Pass 1's last report: cancelled from then on, so pass 2 stops.
        var stopAfterCounting = new Reports(p => { if (p.Pass == 1 && p.BytesRead == p.TotalBytes) cancel.Cancel(); });

        var e = Assert.Throws<OperationCanceledException>(() => TextCorpusLoader.Load(path, options, stopAfterCounting, cancel: cancel.Token));
        Assert.Contains($"pass {pass} ({what})", e.Message);
        Assert.Equal(cancel.Token, e.CancellationToken);
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache) : []);   // no id file, whole or partial, and no entry

        var read = TextCorpusLoader.Load(path, options);   // and the next reading makes the entry
        Assert.Null(read.Statistics!.CachedIdFile);
        Assert.Equal(300_000, read.TokenCount);
    }

    /// <summary>Calls back on the reading's own thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Reports(Action<CorpusReadProgress> report) : IProgress<CorpusReadProgress>
    {
        public void Report(CorpusReadProgress value) => report(value);
    }

    [Fact]
    public void AZipMadeByMacOsFinderReadsAsItsOneFile()
    {
        // Finder adds __MACOSX/._NAME (AppleDouble metadata) beside the file.
        using var tmp = new TempFolder();
        var path = tmp.File("text8.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("text8").Open())) w.Write(" the cat sat on the mat the end");
            using (var w = new StreamWriter(zip.CreateEntry("__MACOSX/._text8").Open())) w.Write("Mac OS X metadata");
            zip.CreateEntry("__MACOSX/");
        }
        var corpus = TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = 1 });
        Assert.Equal(8, corpus.TokenCount);
        Assert.Equal("the", corpus.Vocabulary.Words[0]);
    }

    [Fact]
    public void ALargeFileThatIsNotTextIsRefusedNotReadAsReplacementCharacters()
    {
        // 200 KB with no NUL and hardly a valid UTF-8 sequence: the reader's first full read takes more than the
        // 64 KiB sample at once, and the check used to look only while fewer bytes than that had been read.
        using var tmp = new TempFolder();
        var random = new Random(9);
        var bytes = new byte[200_000];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i % 7 == 0 ? ' ' : random.Next(0x80, 0x100));
        var path = tmp.Write("latin1-or-binary.txt", bytes);
        var e = Assert.Throws<InvalidDataException>(() => TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = 1 }));
        Assert.Contains("is not a text file", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ADamagedOrIncompleteCacheEntryIsReadAgainNotTrusted()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(4_000));
        var options = new TextCorpusOptions { MinCount = 1, CacheDirectory = tmp.File("cache") };
        var good = TextCorpusLoader.Load(path, options);
        var expected = Read(good);
        var ids = good.IdFile!;

        // The entry is checked when it is opened: its header, the vocabulary's fingerprint, and the ids' checksum.
        var original = File.ReadAllBytes(ids);
        void Damaged(Action<byte[]> change, string reason)
        {
            var bytes = (byte[])original.Clone();
            change(bytes);
            File.WriteAllBytes(ids, bytes);
            var log = new List<string>();
            var again = TextCorpusLoader.Load(path, options, log: log.Add);
            Assert.Contains(log, l => l.Contains("is damaged") && l.Contains(reason));
            Assert.Null(again.Statistics!.CachedIdFile);
            Assert.Equal(expected, Read(again));
            Assert.Equal(original, File.ReadAllBytes(ids));   // made again, the same
        }
        Damaged(b => b[32] ^= 1, "another vocabulary");             // the vocabulary fingerprint: not this vocabulary's
        Damaged(b => b[CorpusIds.HeaderBytes + 400] ^= 1, "checksum");   // an id that is still a word of the vocabulary: only the checksum tells
        Damaged(b => b[44] ^= 1, "checksum");                        // the checksum itself

        // Without its info file (a run killed between the id file and the info file) the entry is made again.
        File.Delete(Path.ChangeExtension(ids, ".json"));
        var remade = TextCorpusLoader.Load(path, options);
        Assert.Null(remade.Statistics!.CachedIdFile);
        Assert.Equal(expected, Read(remade));
        Assert.Empty(Directory.GetFiles(tmp.File("cache"), "*.tmp"));
    }

    [Fact]
    public void AFolderAGlobAndGzippedPiecesReadAsTheWholeText()
    {
        using var tmp = new TempFolder();
        var sentences = Sentences(6_000, seed: 9);
        var whole = tmp.File("whole.txt");
        TextFiles.WriteLines(whole, sentences);
        var expected = Read(TextCorpus.Load(whole, minCount: 2));

        // The same lines in three files, the second with a byte-order mark and gzipped, the third zipped.
        var parts = Directory.CreateDirectory(tmp.File("parts")).FullName;
        var third = sentences.Count / 3;
        TextFiles.WriteLines(Path.Combine(parts, "a.txt"), sentences.Take(third));
        using (var gz = new GZipStream(File.Create(Path.Combine(parts, "b.txt.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetPreamble());
            gz.Write(Encoding.UTF8.GetBytes(string.Concat(sentences.Skip(third).Take(third).Select(s => string.Join(' ', s) + "\n"))));
        }
        var c = tmp.File("c.txt");
        // The last file without a final line break: its end still ends the sentence.
        File.WriteAllText(c, string.Join("\n", sentences.Skip(2 * third).Select(s => string.Join(' ', s))));
        TextFiles.Zip(c, Path.Combine(parts, "c.zip"));
        File.WriteAllText(Path.Combine(parts, ".hidden"), "never read");

        var folder = TextCorpus.Load(parts, minCount: 2);
        Assert.Equal(3, folder.Statistics!.Files);
        Assert.Equal(expected, Read(folder));
        Assert.Equal(expected, Read(TextCorpus.Load(Path.Combine(parts, "*.*"), minCount: 2)));
        Assert.Equal(expected, Read(TextCorpus.Load(Path.Combine(tmp.Path, "p*", "*"), minCount: 2)));
        Assert.Equal(new[] { "c.zip" }, CorpusFiles.Resolve(Path.Combine(tmp.Path, "**", "*.zip")).Select(Path.GetFileName));

        var none = Assert.Throws<FileNotFoundException>(() => TextCorpus.Load(Path.Combine(parts, "*.bz2")));
        Assert.Contains("*.bz2", none.Message);
        var empty = Directory.CreateDirectory(tmp.File("empty")).FullName;
        Assert.Contains("holds no files", Assert.Throws<FileNotFoundException>(() => TextCorpus.Load(empty)).Message);
    }

    [LinuxFact("symbolic links")]
    public void ALinkWhoseFileIsGoneIsNamedWithWhereItLeads()
    {
        using var tmp = new TempFolder();
        var folder = Directory.CreateDirectory(tmp.File("corpus")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "a b c a b c\n");
        var sub = Directory.CreateDirectory(tmp.File("elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(folder, "sub"), sub);   // a link to a folder is no file of the corpus
        Assert.Equal(["a.txt"], CorpusFiles.Resolve(folder).Select(Path.GetFileName));

        var gone = Path.Combine(tmp.Path, "moved-away.txt");
        var link = Path.Combine(folder, "b.txt");
        File.CreateSymbolicLink(link, gone);
        foreach (var path in new[] { folder, Path.Combine(folder, "*.txt"), link })
        {
            var e = Assert.Throws<FileNotFoundException>(() => CorpusFiles.Resolve(path));
            Assert.Equal($"the corpus file {link} is a symbolic link to {gone}, which does not exist", e.Message);
        }
    }

    [LinuxFact("/proc takes no new files, even from root (the tests run as root in CI)")]
    public void ACacheThatCannotBeWrittenKeepsTheIdsInMemory()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(2_000));
        var log = new List<string>();
        var corpus = TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = 1, CacheDirectory = "/proc/w2v-cache" }, log: log.Add);
        Assert.Null(corpus.IdFile);
        Assert.Equal(Read(TextCorpus.Load(path, minCount: 1)), Read(corpus));
        Assert.Contains(log, l => l.Contains("corpus.cacheDir = \"/proc/w2v-cache\" cannot be written") && l.Contains("kept in memory"));
    }

    /// <summary>A cache entry that cannot be written whole (a full disk; here a folder in place of one of its files) is
    /// no error: the run keeps the ids in memory, says so, and the cache keeps no part of the entry.</summary>
    [Theory]
    [InlineData(0)]   // the ids
    [InlineData(1)]   // the vocabulary, after the ids
    [InlineData(2)]   // the info file, written last
    public void ACacheEntryThatCannotBeWrittenWholeLeavesTheIdsInMemory(int blocked)
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(2_000));
        var options = new TextCorpusOptions { MinCount = 1, CacheDirectory = tmp.File("cache") };
        var entry = new CorpusCache(options.CacheDirectory).EntryFor([path], options);
        var folder = new[] { entry.IdFile, entry.VocabularyFile, entry.InfoFile }[blocked];
        Directory.CreateDirectory(folder);
        var log = new List<string>();

        var corpus = TextCorpusLoader.Load(path, options, log: log.Add);
        Assert.Null(corpus.IdFile);
        Assert.Equal(Read(TextCorpus.Load(path, minCount: 1)), Read(corpus));
        Assert.Contains(log, l => l.StartsWith($"the corpus cache {options.CacheDirectory} could not keep this corpus (could not write {folder}: ")
                                  && l.EndsWith("its ids are kept in memory for this run, and the next run reads the text again."));
        Assert.DoesNotContain(log, l => l.Contains(".tmp"));
        Assert.Equal([folder], Directory.GetFileSystemEntries(options.CacheDirectory));
    }

    [Fact]
    public void ADamagedGzipIsAnErrorNamingTheFile()
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("broken.txt.gz", new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7 });
        var e = Assert.ThrowsAny<InvalidDataException>(() => TextCorpus.Load(path, minCount: 1));
        Assert.Contains(path, e.Message);
    }

    private static byte[] Gzip(string text)
    {
        var bytes = new MemoryStream();
        using (var gz = new GZipStream(bytes, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return bytes.ToArray();
    }

    /// <summary>A .gz cut anywhere (in its compressed data, in its trailer, just before it) is an error naming the
    /// file: System.IO.Compression's GZipStream read such a file as a shorter corpus.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(-4)]   // half of the trailer (CRC-32, length) left
    [InlineData(-8)]   // no trailer
    public void ATruncatedGzipIsAnErrorNotAShorterCorpus(double cut)
    {
        using var tmp = new TempFolder();
        var gz = Gzip(string.Concat(Sentences(3_000).Select(s => string.Join(' ', s) + "\n")));
        var keep = cut > 0 ? (int)(gz.Length * cut) : gz.Length + (int)cut;
        var path = tmp.Write("cut.txt.gz", gz[..keep]);
        var e = Assert.ThrowsAny<InvalidDataException>(() => TextCorpus.Load(path, minCount: 1));
        Assert.Contains($"{path}: the gzipped corpus is damaged", e.Message);
        Assert.Contains("a cut file?", e.Message);
    }

    /// <summary>What follows a whole member must be another member (or zero padding), and a .gz must hold one:
    /// SharpZipLib's GZipInputStream took garbage after a member, and an empty file, for the end.</summary>
    [Theory]
    [InlineData("garbage after a member", "data that is not a gzip member follows member 1 (at byte")]
    [InlineData("a damaged second member", "data that is not a gzip member follows member 1 (at byte")]
    [InlineData("an empty file", "the file is empty: no gzip member")]
    [InlineData("not gzip", "not a gzip file (no 1f 8b at its start)")]
    public void AGzipMustBeWholeMembersAndNothingElse(string what, string message)
    {
        using var tmp = new TempFolder();
        var (a, b) = (Gzip("the first member\n"), Gzip("and the second one\n"));
        var bytes = what switch
        {
            "garbage after a member" => a.Concat("garbage"u8.ToArray()).ToArray(),
            "a damaged second member" => a.Concat(b.Select((x, i) => i == 0 ? (byte)0x1e : x)).ToArray(),
            "an empty file" => Array.Empty<byte>(),
            _ => "plain text with a .gz name\n"u8.ToArray(),
        };
        var path = tmp.Write("bad.txt.gz", bytes);
        var e = Assert.ThrowsAny<InvalidDataException>(() => TextCorpus.Load(path, minCount: 1));
        Assert.Contains($"{path}: the gzipped corpus is damaged: {message}", e.Message);
        // Zero padding after the last member is no damage (gzip ignores it too).
        var padded = tmp.Write("padded.txt.gz", a.Concat(new byte[512]).ToArray());
        Assert.Equal("the first member | 3", Read(TextCorpus.Load(padded, minCount: 1)));
    }

    /// <summary>Seeded random damage (flipped bytes, cuts) of a .gz: each read either gives the text whole (a flip in a
    /// header field nothing checks, such as the time) or is an InvalidDataException naming the file, never another
    /// exception (SharpZipLib's inflater throws IndexOutOfRangeException on some bad Huffman tables) or other text.</summary>
    [Fact]
    public void RandomDamageToAGzipIsTheTextWholeOrAnErrorNamingTheFile()
    {
        using var tmp = new TempFolder();
        var text = string.Concat(Sentences(2_000, seed: 11).Select(s => string.Join(' ', s) + "\n"));
        var expected = Read(TextCorpus.Load(tmp.Write("plain.txt", text), minCount: 1));
        var gz = Gzip(text);
        var random = new Random(29);
        var (whole, refused) = (0, 0);
        for (var trial = 0; trial < 400; trial++)
        {
            var bytes = (byte[])gz.Clone();
            if (trial % 4 == 3) bytes = bytes[..random.Next(bytes.Length)];
            else for (var k = 0; k <= trial % 3; k++) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            var path = tmp.Write($"t{trial}.txt.gz", bytes);
            try
            {
                Assert.Equal(expected, Read(TextCorpus.Load(path, minCount: 1)));
                whole++;
            }
            catch (InvalidDataException e)
            {
                Assert.Contains(path, e.Message);
                refused++;
            }
            File.Delete(path);
        }
        Assert.True(refused > 300, $"{refused} refused, {whole} read whole");
    }

    [Fact]
    public void AGzipOfSeveralMembersIsReadWhole()
    {
        // bgzip and `cat a.gz b.gz` make such files; each member is checked on its own.
        using var tmp = new TempFolder();
        var (a, b) = ("the first member\n", "and the second one\n");
        var path = tmp.Write("two.txt.gz", Gzip(a).Concat(Gzip(b)).ToArray());
        var plain = tmp.Write("two.txt", a + b);
        Assert.Equal(Read(TextCorpus.Load(plain, minCount: 1)), Read(TextCorpus.Load(path, minCount: 1)));
    }

    [Fact]
    public void AZipEntryThatDoesNotMatchItsCrcIsAnError()
    {
        // Stored (not compressed), so a changed byte still inflates: only the CRC-32 can tell, which ZipArchive does not check.
        using var tmp = new TempFolder();
        var path = StoredZip(tmp, "alpha beta gamma delta\n");
        Assert.Equal("alpha beta gamma delta | 4", Read(TextCorpus.Load(path, minCount: 1)));
        var bytes = File.ReadAllBytes(path);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("gamma", StringComparison.Ordinal);
        bytes[at] = (byte)'G';
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsAny<InvalidDataException>(() => TextCorpus.Load(path, minCount: 1));
        Assert.Contains(path, e.Message);
        Assert.Contains("CRC-32", e.Message);
    }

    [Fact]
    public void AZipEntryThatCannotBeOpenedIsAnErrorNamingTheFile()
    {
        // The entry's compression method set to 14 (LZMA), which ZipArchive cannot inflate, in its local header
        // (offset 8) and in the central directory's record of it (offset 10).
        using var tmp = new TempFolder();
        var path = StoredZip(tmp, "alpha beta gamma delta\n");
        var bytes = File.ReadAllBytes(path);
        var local = IndexOf(bytes, [0x50, 0x4b, 0x03, 0x04]);
        var central = IndexOf(bytes, [0x50, 0x4b, 0x01, 0x02]);
        Assert.True(local >= 0 && central > local);
        bytes[local + 8] = 14;
        bytes[central + 10] = 14;
        File.WriteAllBytes(path, bytes);

        var e = Assert.ThrowsAny<InvalidDataException>(() => TextCorpus.Load(path, minCount: 1));
        Assert.Contains(path, e.Message);
        Assert.Contains("the zipped corpus is damaged", e.Message);
    }

    /// <summary>A zip of one stored (uncompressed) entry, c.txt, holding <paramref name="text"/>.</summary>
    private static string StoredZip(TempFolder tmp, string text)
    {
        var path = tmp.File("c.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var entry = new StreamWriter(zip.CreateEntry("c.txt", CompressionLevel.NoCompression).Open());
        entry.Write(text);
        return path;
    }

    private static int IndexOf(byte[] bytes, byte[] pattern) => bytes.AsSpan().IndexOf(pattern);

    [Fact]
    public void ABoundedCountDropsTheRarestRaisesTheFloorAndSaysSo()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("text8");
        // 2,000 distinct words: the frequent ones (Zipf) and a long tail of words seen once or twice.
        var words = TextFiles.ZipfWords(30_000, types: 2_000, seed: 4);
        TextFiles.WriteText8(path, words);
        var unbounded = TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = 20 });
        var log = new List<string>();
        var bounded = TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = 20, MaxVocabDuringCounting = 500 }, log: log.Add);

        var reductions = bounded.Statistics!.Reductions!;
        Assert.NotEmpty(reductions);
        Assert.All(reductions, r => Assert.True(r.WordsBefore > 500 && r.WordsAfter <= 500));
        Assert.True(reductions[0].Floor >= 1);
        Assert.All(reductions.Zip(reductions.Skip(1)), p => Assert.True(p.First.Floor < p.Second.Floor && p.First.AfterTokens < p.Second.AfterTokens));
        Assert.Equal(reductions.Count, log.Count(l => l.Contains("corpus.maxVocabDuringCounting = 500")));
        Assert.True(bounded.Statistics.DistinctWords <= 500);

        // The frequent words survive with their counts (each seen far more often than the floor rose);
        // a rare word's count is a lower bound, as in word2vec.c.
        var top = unbounded.Vocabulary.Words.Take(20).ToList();
        Assert.Equal(top, bounded.Vocabulary.Words.Take(20));
        for (var i = 0; i < unbounded.Vocabulary.Count; i++)
            if (bounded.Vocabulary.TryGetId(unbounded.Vocabulary[i], out var id))
                Assert.True(bounded.Vocabulary.GetCount(id) <= unbounded.Vocabulary.GetCount(i));
    }
}
