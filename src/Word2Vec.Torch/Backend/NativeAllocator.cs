using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Backend;

/// <summary>
/// glibc's allocator, which libtorch allocates through. After a large block is freed glibc raises its
/// mmap threshold to that block's size, so later blocks of that size come from its heap and are kept
/// when freed: one run's few large temporaries (the start, a checkpoint) stay resident for good.
/// A fixed threshold makes every block over it a mapping of its own, returned to the system when
/// freed. Worth it where the hot loop allocates no native memory (the cpu engine); the tensor
/// engines allocate per step and keep glibc's default (the setting is the process's: a tensor run
/// after a cpu run in the same process keeps it).
/// </summary>
public static partial class NativeAllocator
{
    private const int MmapThreshold = -3;   // M_MMAP_THRESHOLD in malloc.h

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    /// <summary>Blocks of at least <paramref name="bytes"/> are mapped and unmapped on their own (glibc only; false elsewhere).</summary>
    public static bool ReturnLargeBlocks(int bytes = 128 * 1024)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(MmapThreshold, bytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // not glibc (musl, say)
        }
    }
}
