using Word2Vec.Torch.Backend;

namespace Word2Vec.Torch.Tests.Backend;

public class NativeAllocatorTests
{
    [Fact]
    public void GlibcTakesBothSettings()
    {
        // The project's machines are glibc Linux (Debian 12): mallopt must accept the settings there.
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedBlocks());
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.ReturnLargeBlocks());
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.ReturnLargeBlocks(1 << 20));
    }
}
