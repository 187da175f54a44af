using Word2Vec.Torch.Backend;

namespace Word2Vec.Torch.Tests.Backend;

public class NativeAllocatorTests
{
    /// <summary>The project's machines are glibc Linux (Debian 12): mallopt must accept the settings there.</summary>
    [LinuxFact("glibc's mallopt")]
    public void GlibcTakesBothSettings()
    {
        Assert.True(NativeAllocator.KeepFreedBlocks());
        Assert.True(NativeAllocator.ReturnLargeBlocks());
        Assert.True(NativeAllocator.ReturnLargeBlocks(1 << 20));
    }
}
