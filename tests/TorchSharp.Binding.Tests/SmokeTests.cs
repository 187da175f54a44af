using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharp.Binding.Tests;

[Collection(GlobalStateCollection.Name)] // draws from the default generator
public class SmokeTests
{
    [Fact]
    public void ManualSeedThenRandnMatchesPyTorchStream()
    {
        torch.manual_seed(42);
        using var x = randn(3, 4);
        var v = x.data<float>().ToArray();
        var expected = new[] { 0.3367f, 0.1288f, 0.2345f, 0.2303f, -1.1229f, -0.1863f, 2.2082f, -0.6380f };
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], v[i], 4);
    }
}
