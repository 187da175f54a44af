using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

/// <summary>The members added for the device-resident training pipeline (torch.DeviceAdditions.cs).</summary>
public class DeviceAdditionsTests
{
    [Fact]
    public void MaskedSelectKeepsTheMarkedElementsInRowMajorOrder()
    {
        using var m = M(new float[] { 1, 2, 3 }, new float[] { 4, 5, 6 });
        using var mask = m.remainder(2).eq(0);                  // the even values
        using var picked = m.masked_select(mask);
        Assert.Equal(new long[] { 3 }, picked.shape);
        Assert.Equal(new float[] { 2, 4, 6 }, F(picked));
        using var same = masked_select(m, mask);
        Assert.Equal(F(picked), F(same));
    }

    [Fact]
    public void MaskedSelectBroadcastsTheMaskAndKeepsTheDtype()
    {
        using var ids = tensor(new int[] { 10, 11, 12, 20, 21, 22 }, new long[] { 2, 3 });
        using var columns = tensor(new bool[] { true, false, true });   // broadcast over the rows
        using var picked = ids.masked_select(columns);
        Assert.Equal(ScalarType.Int32, picked.dtype);
        Assert.Equal(new[] { 10, 12, 20, 22 }, I(picked));

        using var none = tensor(new bool[] { false, false, false });
        using var empty = ids.masked_select(none);
        Assert.Equal(new long[] { 0 }, empty.shape);
    }

    [Fact]
    public void MaskedSelectOnArangeGivesTheIndicesOfTheTrueElements()
    {
        using var keep = tensor(new bool[] { false, true, true, false, true });
        using var positions = arange(0L, 5L, ScalarType.Int64).masked_select(keep);
        Assert.Equal(new long[] { 1, 2, 4 }, L(positions));
    }

    [Fact]
    public void MaskedSelectRejectsANonBoolMaskOrAShapeThatDoesNotBroadcast()
    {
        using var v = tensor(new float[] { 1, 2, 3 });
        using var floatMask = tensor(new float[] { 1, 0, 1 });
        Assert.Throws<ExternalException>(() => v.masked_select(floatMask));
        using var wrong = tensor(new bool[] { true, false });
        Assert.Throws<ExternalException>(() => v.masked_select(wrong));
    }
}
