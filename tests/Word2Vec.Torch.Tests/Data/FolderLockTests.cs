using System.Diagnostics;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>One run at a time in a folder; a killed holder does not block.</summary>
public sealed class FolderLockTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Another process holding the folder's lock: util-linux flock takes the same kind of lock .NET does.</summary>
    private static Process HoldWithFlock(string dir)
    {
        var psi = new ProcessStartInfo("flock") { UseShellExecute = false, RedirectStandardOutput = true };
        // -o: the command does not inherit the lock, so killing flock itself releases it (as a killed run would).
        foreach (var a in new[] { "-n", "-o", Path.Combine(dir, FolderLock.LockName), "-c", "echo held; sleep 600" }) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        Assert.Equal("held", p.StandardOutput.ReadLine());
        return p;
    }

    [LinuxFact("flock(1)")]
    public void ASecondRunFailsAtOnceNamingTheFolderAndTheHolder()
    {
        var dir = _tmp.File("out");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, FolderLock.OwnerName), "process 4242 on elsewhere, since yesterday\n");
        using var holder = HoldWithFlock(dir);
        try
        {
            var e = Assert.Throws<IOException>(() => FolderLock.Acquire(dir));
            Assert.Contains(dir, e.Message);
            Assert.Contains("process 4242", e.Message);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);   // flock and the sleep that inherited its lock
            holder.WaitForExit();
        }
        // The holder was killed: its lock went with it.
        using (FolderLock.Acquire(dir)) Assert.Contains($"process {Environment.ProcessId}", File.ReadAllText(Path.Combine(dir, FolderLock.OwnerName)));
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.LockName)), "the lock file goes with the lock");
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.OwnerName)));
    }

    /// <summary>The holder's owner file gone (it is removing it as it ends), empty, or not readable as a file:
    /// the error is still the lock's, naming the folder, not the owner file's.</summary>
    [LinuxTheory("flock(1)")]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("a folder")]
    public void AnOwnerFileThatCannotBeReadStillGivesTheLocksMessage(string owner)
    {
        var dir = _tmp.File("out-" + owner.Replace(' ', '-'));
        Directory.CreateDirectory(dir);
        var ownerPath = Path.Combine(dir, FolderLock.OwnerName);
        if (owner == "empty") File.WriteAllText(ownerPath, "");
        if (owner == "a folder") Directory.CreateDirectory(ownerPath);
        using var holder = HoldWithFlock(dir);
        try
        {
            var e = Assert.Throws<IOException>(() => FolderLock.Acquire(dir));
            Assert.Contains($"\"{dir}\" is in use by another run (another process)", e.Message);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }

    [Fact]
    public void TheLockIsReentrantInOneProcess()
    {
        var dir = _tmp.File("nested");
        using var outer = FolderLock.Acquire(dir);
        using (FolderLock.Acquire(dir)) { }
        Assert.True(File.Exists(Path.Combine(dir, FolderLock.LockName)), "the outer hold still has it");
    }

    /// <summary>flock(1)'s exit code when it tries the folder's lock without waiting: 0 taken (and let go), 1 held.</summary>
    private static int TryFlock(string dir)
    {
        using var p = Process.Start("flock", new[] { "-n", "-o", Path.Combine(dir, FolderLock.LockName), "true" })!;
        p.WaitForExit();
        return p.ExitCode;
    }

    [LinuxFact("flock(1)")]
    public void TheLastHoldLetsGoAndRemovesItsFilesADoubleDisposeCountsOnce()
    {
        var dir = Directory.CreateDirectory(_tmp.File("released")).FullName;   // not the lock's: it stays
        var outer = FolderLock.Acquire(dir);
        var inner = FolderLock.Acquire(dir);
        inner.Dispose();
        inner.Dispose();   // once: the outer hold keeps the lock
        Assert.Equal(1, TryFlock(dir));
        Assert.True(File.Exists(Path.Combine(dir, FolderLock.OwnerName)));
        outer.Dispose();
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.LockName)));
        Assert.False(File.Exists(Path.Combine(dir, FolderLock.OwnerName)));
        Assert.Equal(0, TryFlock(dir));   // another process takes it now
    }

    [Fact]
    public void FoldersTheLockMadeGoWithItWhenTheRunLeftThemEmpty()
    {
        // A run that failed before writing anything: the folder and the parents the lock made go, the rest stays.
        var dir = _tmp.File(Path.Combine("runs", "a", "out"));
        using (FolderLock.Acquire(dir)) Assert.True(Directory.Exists(dir));
        Assert.False(Directory.Exists(_tmp.File("runs")));
        Assert.True(Directory.Exists(_tmp.Path));

        // Named with a trailing separator: the same folder and parents go.
        using (FolderLock.Acquire(dir + Path.DirectorySeparatorChar)) Assert.True(Directory.Exists(dir));
        Assert.False(Directory.Exists(_tmp.File("runs")));

        // A run that wrote a file keeps its folder.
        using (FolderLock.Acquire(dir)) File.WriteAllText(Path.Combine(dir, "vectors.txt"), "1 1\nx 0\n");
        Assert.True(File.Exists(Path.Combine(dir, "vectors.txt")));

        // A parent the lock made that something else filled meanwhile stays, and so does every folder above it.
        var other = _tmp.File(Path.Combine("more", "b", "out"));
        using (FolderLock.Acquire(other)) File.WriteAllText(_tmp.File(Path.Combine("more", "b", "notes.txt")), "kept");
        Assert.False(Directory.Exists(other));
        Assert.True(File.Exists(_tmp.File(Path.Combine("more", "b", "notes.txt"))));

        // A folder that was there before the lock stays, empty or not.
        var existing = Directory.CreateDirectory(_tmp.File("existing")).FullName;
        using (FolderLock.Acquire(existing)) { }
        Assert.True(Directory.Exists(existing));
    }

    /// <summary>An owner file that cannot be written (a full disk; here a folder in its place) names the key and the
    /// file, and leaves the folder unlocked.</summary>
    [Fact]
    public void AnOwnerFileThatCannotBeWrittenLeavesTheFolderUnlocked()
    {
        var dir = _tmp.File("out");
        var blocker = Directory.CreateDirectory(Path.Combine(dir, FolderLock.OwnerName)).FullName;
        var e = Assert.Throws<IOException>(() => FolderLock.Acquire(dir));
        Assert.StartsWith($"output.dir = \"{dir}\" cannot be locked for this run: could not write {blocker}: ", e.Message);
        Assert.Equal([blocker], Directory.GetFileSystemEntries(dir));
        Directory.Delete(blocker);
        using (FolderLock.Acquire(dir)) Assert.True(File.Exists(Path.Combine(dir, FolderLock.OwnerName)));
    }

    [Fact]
    public void AFileIsNotAFolder()
    {
        var file = _tmp.Write("a-file", "x");
        Assert.Contains("is a file, not a folder", Assert.Throws<IOException>(() => FolderLock.Acquire(file)).Message);
    }

    [LinuxFact("/dev/null")]
    public void ADeviceIsNotAFolder() =>
        Assert.Contains("/dev/null", Assert.Throws<IOException>(() => FolderLock.CheckFolder("/dev/null")).Message);

    [LinuxFact("/proc takes no new files, even from root (the tests run as root in CI)")]
    public void AFolderThisProcessCannotWriteIsRefusedBeforeAnythingIsMade()
    {
        var e = Assert.Throws<IOException>(() => FolderLock.CheckFolder("/proc/w2v-out/run", "output.dir"));
        Assert.Contains("output.dir = \"/proc/w2v-out/run\" cannot be written", e.Message);
        Assert.False(Directory.Exists("/proc/w2v-out"));

        var file = _tmp.Write("a-file", "x");
        Assert.Contains("a-file is a file, not a folder", Assert.Throws<IOException>(() => FolderLock.CheckFolder(Path.Combine(file, "out"))).Message);
        File.Delete(file);

        var writable = _tmp.File("not-yet/made");
        FolderLock.CheckFolder(writable);                       // its parent is writable: fine, and nothing is left there
        Assert.Empty(Directory.GetFileSystemEntries(_tmp.Path));
    }
}
