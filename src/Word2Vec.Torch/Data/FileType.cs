using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Which special file a path names (through symbolic links): .NET's <see cref="FileInfo"/> reports a named pipe or a
/// device as an ordinary file of length 0. Linux's statx(2), whose layout is the same on every architecture, gives
/// the type; elsewhere nothing is known and every path passes.
/// </summary>
internal static class FileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;   // struct statx: mask, blksize (u32), attributes (u64), nlink, uid, gid (u32), mode (u16)
    private const int TypeMask = 0xF000;

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    /// <summary>"a named pipe", "a device" or "a socket" for such a path; null for a regular file or folder, a path
    /// that is not there, or a system without statx.</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256];   // sizeof(struct statx)
        try
        {
            if (statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;   // a libc without statx (glibc before 2.28)
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x1000 => "a named pipe",
            0x2000 or 0x6000 => "a device",
            0xC000 => "a socket",
            _ => null,
        };
    }
}
