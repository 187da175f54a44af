using Word2Vec.Torch.Backend;

namespace Word2Vec.Torch.Tests.Backend;

public class NativeAllocatorTests
{
    [Fact]
    public void GlibcTakesTheFixedMmapThreshold()
    {
        // The project's machines are glibc Linux (Debian 12): mallopt must accept the setting there.
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.ReturnLargeBlocks());
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.ReturnLargeBlocks(1 << 20));
    }
}
