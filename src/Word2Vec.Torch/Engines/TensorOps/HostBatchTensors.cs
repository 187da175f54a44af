using System.Runtime.InteropServices;
using TorchSharp;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.TensorOps;

/// <summary>
/// A host batch as tensors on the parameters' device, without allocating on the managed heap: the
/// batch's arrays are copied into CPU tensors kept from step to step (grown when a batch is larger),
/// then moved to the device if it is not the CPU. Every id is checked against the vocabulary here,
/// in managed code, so the step needs no device-side range check.
/// </summary>
internal sealed class HostBatchTensors : IDisposable
{
    private readonly Device _device;
    private readonly ScalarType _dtype;
    private readonly long _vocabSize;
    private Tensor? _inputs, _mask, _targets, _negatives;

    public HostBatchTensors(Device device, ScalarType dtype, long vocabSize)
    {
        _device = device;
        _dtype = dtype;
        _vocabSize = vocabSize;
    }

    /// <summary>inputs [B,W] int64, mask [B,W] in the parameters' dtype, targets [B] int64 and negatives
    /// [B,K] int64 (null when K = 0), in the caller's dispose scope.</summary>
    public (Tensor Inputs, Tensor Mask, Tensor Targets, Tensor? Negatives) Of(TrainingBatch batch)
    {
        var (b, w, k) = (batch.Count, batch.Width, batch.NegativesPerExample);
        CheckIds(batch.Inputs.AsSpan(0, b * w), "an input");
        CheckIds(batch.Targets.AsSpan(0, b), "a target");
        CheckIds(batch.Negatives.AsSpan(0, b * k), "a negative");
        var inputs = Fill(ref _inputs, batch.Inputs.AsSpan(0, b * w), ScalarType.Int64).view(b, w);
        var mask = Fill(ref _mask, batch.InputMask.AsSpan(0, b * w), ScalarType.Float32).view(b, w);
        var targets = Fill(ref _targets, batch.Targets.AsSpan(0, b), ScalarType.Int64);
        var negatives = k > 0 ? Fill(ref _negatives, batch.Negatives.AsSpan(0, b * k), ScalarType.Int64).view(b, k) : null;
        return (OnDevice(inputs), OnDevice(mask).to(_dtype), OnDevice(targets), negatives is null ? null : OnDevice(negatives));
    }

    private void CheckIds(ReadOnlySpan<long> ids, string what)
    {
        foreach (var id in ids)
            if ((ulong)id >= (ulong)_vocabSize)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"{what} of the batch is {id}, which is not a word of the {_vocabSize}-word vocabulary.");
    }

    /// <summary>The first values.Length values of the kept CPU tensor, now holding <paramref name="values"/>.</summary>
    private static Tensor Fill<T>(ref Tensor? kept, ReadOnlySpan<T> values, ScalarType type) where T : unmanaged
    {
        if (kept is null || kept.numel() < values.Length)
        {
            kept?.Dispose();
            kept = torch.empty(Math.Max(values.Length, 1), type).DetachFromDisposeScope();
        }
        values.CopyTo(MemoryMarshal.Cast<byte, T>(kept.bytes));
        return kept.narrow(0, 0, values.Length);
    }

    private Tensor OnDevice(Tensor t) => _device.type == DeviceType.CPU ? t : t.to(_device);

    public void Dispose()
    {
        foreach (var t in new[] { _inputs, _mask, _targets, _negatives }) t?.Dispose();
    }
}
