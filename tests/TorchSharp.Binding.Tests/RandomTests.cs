using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

/// <summary>Generators of their own: these run in parallel with everything else.</summary>
public class RandomTests
{
    // The first values of PyTorch's CPU stream for seed 42: torch.manual_seed(42); torch.randn(8).
    private static readonly float[] Seed42 = { 0.3367f, 0.1288f, 0.2345f, 0.2303f, -1.1229f, -0.1863f, 2.2082f, -0.6380f };

    [Fact]
    public void AGeneratorSeededLikeTheDefaultOneGivesPyTorchsStream()
    {
        using var g = new Generator(42);
        using var x = randn(8, generator: g);
        Close(Seed42, F(x), 1e-4f);
        Assert.Equal(42, g.initial_seed());
    }

    [Fact]
    public void ReseedingAGeneratorRestartsItsStream()
    {
        using var g = new Generator(1);
        using var a = randn(5, generator: g);
        Assert.Same(g, g.manual_seed(1));
        using var b = randn(5, generator: g);
        Assert.Equal(F(a), F(b));
        g.manual_seed(42);
        Assert.Equal(42, g.initial_seed());
        Close(Seed42, F(randn(8, generator: g)), 1e-4f);
    }

    [Fact]
    public void GetStateAndSetStateReplayAStream()
    {
        using var g = new Generator(7);
        using var skip = rand(3, generator: g); // move away from the seed's start
        using var state = g.get_state();
        Assert.Equal(ScalarType.Byte, state.dtype);
        Assert.True(state.numel() > 1000); // the whole Mersenne Twister state
        using var a = randn(10, generator: g);
        using var ai = randint(0, 1000, new long[] { 10 }, generator: g);
        g.set_state(state);
        using var b = randn(10, generator: g);
        using var bi = randint(0, 1000, new long[] { 10 }, generator: g);
        Assert.Equal(F(a), F(b));
        Assert.Equal(L(ai), L(bi));

        using var other = new Generator(99);
        other.set_state(state); // a state moves between generators
        using var c = randn(10, generator: other);
        Assert.Equal(F(a), F(c));
    }

    [Fact]
    public void SetStateRejectsSomethingThatIsNotAState()
    {
        using var g = new Generator(7);
        using var bogus = zeros(3);
        Assert.Throws<ExternalException>(() => g.set_state(bogus));
    }

    [Fact]
    public void DifferentGeneratorsAreIndependent()
    {
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var a = rand(4, generator: g1);
        using var x = rand(100, generator: new Generator(6)); // draws elsewhere do not disturb g2
        using var b = rand(4, generator: g2);
        Assert.Equal(F(a), F(b));
        using var c = rand(4, generator: g1);
        Assert.NotEqual(F(a), F(c));
    }

    [Fact]
    public void GeneratorDefaultsAndDisposal()
    {
        var g = new Generator();
        Assert.Equal(0, g.initial_seed());
        var g2 = new Generator(3, CPU);
        Assert.Equal(3, g2.initial_seed());
        g.Dispose();
        g.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => g.initial_seed());
        Assert.Throws<ObjectDisposedException>(() => randn(2, generator: g));
        g2.Dispose();
    }

    [Fact]
    public void CudaGeneratorsAreRefused()
    {
        Assert.Throws<ExternalException>(() => new Generator(1, new Device("cuda")));
    }

    [Fact]
    public void RandintStaysInItsRange()
    {
        using var g = new Generator(11);
        using var a = randint(10, new long[] { 2000 }, generator: g);
        Assert.Equal(ScalarType.Int64, a.dtype);
        var av = L(a);
        Assert.All(av, v => Assert.InRange(v, 0, 9));
        Assert.Equal(10, av.Distinct().Count());   // every value turns up in 2000 draws
        using var b = randint(-3, 2, new long[] { 40, 50 }, generator: g);
        Assert.Equal(new long[] { 40, 50 }, b.shape);
        var bv = L(b);
        Assert.All(bv, v => Assert.InRange(v, -3, 1));
        Assert.Equal(5, bv.Distinct().Count());
        using var c = randint(0, 4, new long[] { 100 }, ScalarType.Int32, CPU, generator: g);
        Assert.Equal(ScalarType.Int32, c.dtype);
        Assert.All(I(c), v => Assert.InRange(v, 0, 3));
        using var f = randint(0, 4, new long[] { 5 }, ScalarType.Float32, requires_grad: true, generator: g);
        Assert.True(f.requires_grad);
        Assert.Throws<ExternalException>(() => randint(5, 5, new long[] { 1 }, generator: g));
    }

    [Fact]
    public void MultinomialSamplesOnlyWherePIsPositive()
    {
        using var g = new Generator(3);
        using var p = tensor(new float[] { 0, 0.3f, 0, 0.7f });
        using var s = multinomial(p, 1000, replacement: true, generator: g);
        Assert.Equal(ScalarType.Int64, s.dtype);
        Assert.Equal(new long[] { 1000 }, s.shape);
        var v = L(s);
        Assert.All(v, i => Assert.True(i == 1 || i == 3));
        var share = v.Count(i => i == 3) / 1000.0;
        Assert.InRange(share, 0.62, 0.78);
    }

    [Fact]
    public void MultinomialWithoutReplacementDrawsDistinctCategories()
    {
        using var g = new Generator(4);
        using var p = tensor(new double[] { 1, 0, 2, 3 });  // weights need not sum to 1
        using var s = multinomial(p, 3, generator: g);
        Assert.Equal(new long[] { 0, 2, 3 }, L(s).OrderBy(i => i).ToArray());
        var e = Assert.Throws<ExternalException>(() => multinomial(p, 5, generator: g));
        Assert.Contains("without replacement", e.Message);
    }

    [Fact]
    public void MultinomialOverRows()
    {
        using var g = new Generator(5);
        using var p = M(new float[] { 1, 0 }, new float[] { 0, 1 }, new float[] { 0.5f, 0.5f });
        using var s = multinomial(p, 6, true, g);
        Assert.Equal(new long[] { 3, 6 }, s.shape);
        var v = L(s);
        Assert.All(v.Take(6), i => Assert.Equal(0, i));
        Assert.All(v.Skip(6).Take(6), i => Assert.Equal(1, i));
    }
}

/// <summary>The default generator is process-wide: these tests do not run beside others.</summary>
[Collection(GlobalStateCollection.Name)]
public class DefaultGeneratorTests
{
    [Fact]
    public void ManualSeedReturnsTheDefaultGeneratorAndRestartsTheStream()
    {
        using var g = torch.manual_seed(42);
        Assert.NotNull(g);
        Assert.Equal(42, g.initial_seed());
        using var a = randn(4, 3);
        torch.manual_seed(42);
        using var b = randn(4, 3);
        Assert.Equal(F(a), F(b));
        torch.random.manual_seed(43);
        using var c = randn(4, 3);
        Assert.NotEqual(F(a), F(c));
    }

    [Fact]
    public void TheReturnedGeneratorIsTheDefaultOne()
    {
        var g = torch.random.manual_seed(1);
        using var state = g.get_state();
        using var a = rand(6);           // the default generator
        g.set_state(state);              // rewinds the default generator
        using var b = rand(6);
        Assert.Equal(F(a), F(b));
        g.manual_seed(2);
        using var c = rand(6);
        torch.manual_seed(2);
        using var d = rand(6);
        Assert.Equal(F(c), F(d));
        g.Dispose(); // a handle to the default generator: disposing it leaves the default alone
        using var e = rand(2);
        Assert.Equal(2, e.numel());
    }

    [Fact]
    public void CudaSeedsLeaveTheCpuStreamAlone()
    {
        torch.manual_seed(5);
        using var a = rand(4);
        torch.manual_seed(5);
        cuda.manual_seed(99);      // CUDA generators only (a no-op without CUDA)
        cuda.manual_seed_all(99);
        using var b = rand(4);
        Assert.Equal(F(a), F(b));
    }

    [Fact]
    public void DefaultGeneratorDrivesEveryRandomFactory()
    {
        torch.manual_seed(9);
        using var a1 = rand(3);
        using var b1 = randint(100, new long[] { 3 });
        using var p = tensor(new float[] { 1, 1, 1, 1 });
        using var c1 = multinomial(p, 4);
        torch.manual_seed(9);
        using var a2 = rand(3);
        using var b2 = randint(100, new long[] { 3 });
        using var c2 = multinomial(p, 4);
        Assert.Equal(F(a1), F(a2));
        Assert.Equal(L(b1), L(b2));
        Assert.Equal(L(c1), L(c2));
        Assert.Equal(new long[] { 0, 1, 2, 3 }, L(c1).OrderBy(i => i).ToArray());
    }
}
