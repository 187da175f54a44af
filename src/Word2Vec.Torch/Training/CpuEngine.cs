using System.Numerics;
using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Math;
using Word2Vec.Torch.Math.Cpu;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The managed CPU engine (<c>training.engine: cpu</c>): the parameters live in managed arrays
/// (float32 or float64) and each batch runs through <see cref="Word2VecKernel{T}"/> (SIMD via
/// System.Numerics.Tensors), its examples split over <see cref="Threads"/> workers in contiguous
/// blocks.
/// <list type="bullet">
/// <item><see cref="CpuUpdate.Sequential"/> (the default): word2vec.c's per-example updates. With
/// several threads the workers update the shared arrays without locks (Hogwild, as word2vec.c and
/// gensim do): fast, but not bit-reproducible. With one thread a run is deterministic.</item>
/// <item><see cref="CpuUpdate.Batched"/>: the gradients of the whole batch at the old parameters
/// (computed in parallel), then applied in order on one thread: the tensor engine's step, to
/// rounding, and deterministic for any thread count.</item>
/// </list>
/// The step's loss is the summed J over the batch from the same scores (in sequential mode each
/// example's at the parameters it saw).
/// </summary>
public sealed class CpuEngine : ITrainingEngine
{
    private readonly ICore _core;

    /// <param name="model">The starting parameters, on the CPU; the engine copies them and disposes the model.</param>
    /// <param name="combine">How CBOW combines its inputs (skip-gram's single input is the same either way).</param>
    /// <param name="loss">The output layer.</param>
    /// <param name="threads">Workers (≥ 1).</param>
    /// <param name="update">Sequential (word2vec.c) or batched (the tensor engine's) updates.</param>
    public CpuEngine(EmbeddingModel model, ContextCombine combine, OutputLoss loss, int threads = 1, CpuUpdate update = CpuUpdate.Sequential)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "the CPU engine needs at least 1 thread");
            if (!Enum.IsDefined(update)) throw new ArgumentOutOfRangeException(nameof(update), update, "unknown CpuUpdate");
            if (model.CenterVectors.device_type != DeviceType.CPU || model.OutsideVectors.device_type != DeviceType.CPU)
                throw new ArgumentException(
                    $"training.engine = cpu keeps the parameters in managed memory and needs a model on the CPU; this one is on {model.CenterVectors.device_type}. " +
                    "Set device to \"cpu\", or use training.engine = tensor on a GPU.", nameof(model));
            _core = model.Dtype switch
            {
                ScalarType.Float32 => new Core<float>(model, combine, loss, threads, update),
                ScalarType.Float64 => new Core<double>(model, combine, loss, threads, update),
                _ => throw new ArgumentException($"the CPU engine trains float32 or float64 parameters, not {model.Dtype}.", nameof(model)),
            };
        }
        finally
        {
            model.Dispose();
        }
        Threads = threads;
        Update = update;
    }

    public int Threads { get; }
    public CpuUpdate Update { get; }

    public double Step(TrainingBatch batch, double stepSize, bool wantLoss)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _core.Step(batch, stepSize, wantLoss);
    }

    public EmbeddingModel ExportModel() => _core.Export();

    public void Dispose() => _core.Dispose();

    private interface ICore : IDisposable
    {
        double Step(TrainingBatch batch, double stepSize, bool wantLoss);
        EmbeddingModel Export();
    }

    private sealed class Core<T> : ICore where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly EmbeddingArrays<T> _p;
        private readonly Word2VecKernel<T> _kernel;
        private readonly KernelScratch<T>[] _scratch;
        private readonly BatchedGradients<T> _grads = new();
        private readonly double[] _losses;
        private readonly WorkerPool _pool;
        private readonly CpuUpdate _update;
        private readonly Action<int> _sequentialPart, _gradientPart;
        private readonly ScalarType _dtype;

        // The step in progress, read by the workers.
        private KernelBatch _batch;
        private T _lr;
        private bool _wantLoss;
        private int _parts;

        public Core(EmbeddingModel model, ContextCombine combine, OutputLoss loss, int threads, CpuUpdate update)
        {
            var vocab = checked((int)model.VocabSize);
            var d = checked((int)model.Dimension);
            _dtype = model.Dtype;
            _p = new EmbeddingArrays<T>(ToArray(model.CenterVectors), ToArray(model.OutsideVectors), vocab, d);
            _kernel = new Word2VecKernel<T>(vocab, d, combine, loss);
            _scratch = new KernelScratch<T>[threads];
            for (var i = 0; i < threads; i++) _scratch[i] = _kernel.CreateScratch();
            _losses = new double[threads];
            _update = update;
            _sequentialPart = SequentialPart;
            _gradientPart = GradientPart;
            _pool = new WorkerPool(threads);
        }

        private static T[] ToArray(Tensor t)
        {
            using var scope = torch.NewDisposeScope();
            return t.detach().contiguous().data<T>().ToArray();
        }

        public double Step(TrainingBatch batch, double stepSize, bool wantLoss)
        {
            var kb = new KernelBatch(batch.Count, batch.Width, batch.Inputs, batch.InputMask, batch.Targets, batch.NegativesPerExample, batch.Negatives);
            _kernel.CheckBatch(_p, kb);
            if (kb.Count == 0) return wantLoss ? 0 : double.NaN;
            _batch = kb;
            _lr = T.CreateTruncating(stepSize);
            _wantLoss = wantLoss;
            _parts = System.Math.Min(_pool.Threads, kb.Count);
            Array.Clear(_losses);
            if (_update == CpuUpdate.Sequential)
            {
                _pool.Run(_parts, _sequentialPart);
            }
            else
            {
                _grads.EnsureCapacity(kb.Count, _kernel.Dimension, kb.NegativesPerExample);
                foreach (var s in _scratch) _kernel.ResetOutsideGradient(s);
                _pool.Run(_parts, _gradientPart);
                _kernel.ApplyGradients(_p, kb, _grads, _scratch, _lr);
            }
            _batch = default;
            if (!wantLoss) return double.NaN;
            double total = 0;
            for (var i = 0; i < _parts; i++) total += _losses[i];   // in part order: the same sum for the same parts
            return total;
        }

        /// <summary>Part i of B examples: [B·i/n, B·(i+1)/n).</summary>
        private (int Start, int End) Range(int part)
        {
            long b = _batch.Count;
            return ((int)(b * part / _parts), (int)(b * (part + 1) / _parts));
        }

        private void SequentialPart(int part)
        {
            var (start, end) = Range(part);
            _losses[part] = _kernel.TrainSequential(_p, _batch, start, end, _lr, _wantLoss, _scratch[part]);
        }

        private void GradientPart(int part)
        {
            var (start, end) = Range(part);
            _losses[part] = _kernel.ComputeGradients(_p, _batch, start, end, _grads, _scratch[part], _wantLoss);
        }

        public EmbeddingModel Export()
        {
            var shape = new long[] { _p.VocabSize, _p.Dimension };
            // Fresh copies: the tensors may share their arrays' memory, and training goes on in ours.
            return new EmbeddingModel(Tensor((T[])_p.Center.Clone(), shape), Tensor((T[])_p.Outside.Clone(), shape));
        }

        private Tensor Tensor(T[] values, long[] shape) => values switch
        {
            float[] f => torch.tensor(f, shape, _dtype),
            double[] d => torch.tensor(d, shape, _dtype),
            _ => throw new InvalidOperationException($"unsupported element type {typeof(T)}"),
        };

        public void Dispose() => _pool.Dispose();
    }
}
