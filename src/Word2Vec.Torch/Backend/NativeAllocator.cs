using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Backend;

/// <summary>
/// glibc's allocator, which libtorch allocates through. After a large block is freed glibc raises its
/// mmap threshold to that block's size, so later blocks of that size come from its heap and are kept
/// when freed: one run's few large temporaries (the start, a checkpoint) stay resident for good.
/// A fixed threshold makes every block over it a mapping of its own, returned to the system when
/// freed. Worth it where the hot loop allocates no native memory (the cpu engine).
/// The tensor engines allocate and free the same few MB of temporaries every step; there the
/// opposite pays: blocks up to glibc's largest threshold (32 MB) come from the heap and freed memory
/// is kept, so a step reuses the last step's pages instead of mapping fresh ones and faulting each
/// page in (a third of a text8 step's time went to page faults before). Either setting is the
/// process's: the last call wins.
/// </summary>
internal static partial class NativeAllocator
{
    private const int MmapThreshold = -3;   // M_MMAP_THRESHOLD in malloc.h
    private const int TrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int LargestMmapThreshold = 32 * 1024 * 1024;   // glibc's HEAP_MAX_SIZE / 2 on 64-bit

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    /// <summary>Blocks of at least <paramref name="bytes"/> are mapped and unmapped on their own (glibc only; false elsewhere).</summary>
    public static bool ReturnLargeBlocks(int bytes = 128 * 1024) => Set(MmapThreshold, bytes);

    /// <summary>Blocks up to 32 MB come from the heap, and up to <paramref name="keepBytes"/> of freed memory at
    /// its top stay with the process (glibc only; false elsewhere).</summary>
    public static bool KeepFreedBlocks(int keepBytes = 512 * 1024 * 1024) =>
        Set(MmapThreshold, LargestMmapThreshold) & Set(TrimThreshold, keepBytes);

    private static bool Set(int param, int value)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(param, value) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // not glibc (musl, say)
        }
    }
}
