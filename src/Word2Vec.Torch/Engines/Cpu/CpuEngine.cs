using System.Numerics;
using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// The managed CPU engine (<c>training.engine: cpu</c>): the parameters live in managed arrays
/// (float32 or float64) and each batch runs through <see cref="Word2VecKernel{T}"/> (SIMD), its
/// examples split over <see cref="Threads"/> workers (a persistent pool; the caller's thread is one).
/// <list type="bullet">
/// <item><see cref="CpuUpdate.Sequential"/> (the default): word2vec.c's per-example updates. With
/// one thread a run is deterministic (the batch in order). With several, the workers take blocks of
/// examples from a shared counter and update the shared arrays without locks (Hogwild, as
/// word2vec.c and gensim do), except the outside rows of the most frequent words, which each worker
/// updates in its own copy until the step ends (<see cref="HotRows{T}"/>; shared, they made two
/// threads slower than one): fast, but not bit-reproducible.</item>
/// <item><see cref="CpuUpdate.Batched"/>: the gradients of the whole batch at the old parameters
/// (computed in parallel, a fixed share per worker), then applied in order on one thread: the
/// tensor engine's step, to rounding, and deterministic for any thread count.</item>
/// </list>
/// The step's loss is the summed J over the batch from the same scores (in sequential mode each
/// example's at the parameters it saw).
/// </summary>
internal sealed class CpuEngine : ITrainingEngine<TrainingBatch>
{
    private readonly ICore _core;

    /// <param name="embeddings">The starting parameters, on the CPU; the engine copies them and disposes the object.</param>
    /// <param name="combine">How CBOW combines its inputs (skip-gram's single input is the same either way).</param>
    /// <param name="loss">The output layer.</param>
    /// <param name="threads">Workers (≥ 1).</param>
    /// <param name="update">Sequential (word2vec.c) or batched (the tensor engine's) updates.</param>
    /// <param name="hotRows">Sequential negative sampling with several threads: how many of the most
    /// used outside rows (counted in the first batch) each worker keeps in its own copy during a step
    /// (0: none, pure Hogwild).</param>
    /// <param name="tree">The vocabulary's Huffman tree, for the hierarchical-softmax losses.</param>
    public CpuEngine(Embeddings embeddings, ContextCombine combine, OutputLoss loss, int threads = 1, CpuUpdate update = CpuUpdate.Sequential,
        int hotRows = DefaultHotRows, HuffmanTree? tree = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        try
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "the CPU engine needs at least 1 thread");
            if (hotRows < 0) throw new ArgumentOutOfRangeException(nameof(hotRows), hotRows, "must be 0 (none) or positive");
            if (!Enum.IsDefined(update)) throw new ArgumentOutOfRangeException(nameof(update), update, "unknown CpuUpdate");
            if (embeddings.CenterVectors.device_type != DeviceType.CPU || embeddings.OutsideVectors.device_type != DeviceType.CPU)
                throw new ArgumentException(
                    $"training.engine = cpu keeps the parameters in managed memory and needs them on the CPU; these are on {embeddings.CenterVectors.device_type}. " +
                    "Set device to \"cpu\", or use training.engine = tensor on a GPU.", nameof(embeddings));
            _core = embeddings.Dtype switch
            {
                ScalarType.Float32 => new Core<float>(embeddings, combine, loss, threads, update, hotRows, tree),
                ScalarType.Float64 => new Core<double>(embeddings, combine, loss, threads, update, hotRows, tree),
                _ => throw new ArgumentException($"the CPU engine trains float32 or float64 parameters, not {embeddings.Dtype}.", nameof(embeddings)),
            };
        }
        finally
        {
            embeddings.Dispose();
        }
        Threads = threads;
        Update = update;
    }

    /// <summary>The default of the constructor's hotRows.</summary>
    public const int DefaultHotRows = 512;

    public int Threads { get; }
    public CpuUpdate Update { get; }

    public double Step(TrainingBatch batch, double stepSize, bool wantLoss)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_finished) throw new InvalidOperationException("the engine handed its parameters over (Finish) and trains no more");
        return _core.Step(batch, stepSize, wantLoss);
    }

    public Embeddings Export() => _core.Export();

    /// <summary>The engine's own arrays as the tensors (torch.from_array shares them): no copy of the
    /// parameters for a checkpoint; valid until the next step.</summary>
    public Embeddings View() => _core.View();

    /// <summary>As <see cref="View"/>, at the end of a run: the engine steps no more.</summary>
    public Embeddings Finish()
    {
        _finished = true;
        return _core.View();
    }

    private bool _finished;

    public void Dispose() => _core.Dispose();

    private interface ICore : IDisposable
    {
        double Step(TrainingBatch batch, double stepSize, bool wantLoss);
        Embeddings Export();
        Embeddings View();
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
        private readonly int _hotRows;
        private HotRows<T>? _hot;

        // The step in progress, read by the workers.
        private KernelBatch _batch;
        private T _lr;
        private bool _wantLoss;
        private int _parts;
        private int _nextExample;

        /// <summary>Sequential mode with several workers: examples a worker takes at a time.</summary>
        private const int ChunkSize = 256;

        public Core(Embeddings embeddings, ContextCombine combine, OutputLoss loss, int threads, CpuUpdate update, int hotRows, HuffmanTree? tree)
        {
            _hotRows = threads > 1 && update == CpuUpdate.Sequential && loss != OutputLoss.NaiveSoftmax ? hotRows : 0;
            var vocab = checked((int)embeddings.VocabSize);
            var d = checked((int)embeddings.Dimension);
            _dtype = embeddings.Dtype;
            _kernel = new Word2VecKernel<T>(vocab, d, combine, loss, tree);
            if (embeddings.OutsideRows != _kernel.OutsideRows)
                throw new ArgumentException($"{loss} needs an output matrix of {_kernel.OutsideRows} rows; the parameters have {embeddings.OutsideRows}.", nameof(embeddings));
            // Each matrix's tensor goes as soon as it is copied: never both matrices twice.
            var center = ToArray(embeddings.CenterVectors);
            embeddings.CenterVectors.Dispose();
            var outside = ToArray(embeddings.OutsideVectors);
            embeddings.OutsideVectors.Dispose();
            _p = new EmbeddingArrays<T>(center, outside, vocab, d, _kernel.OutsideRows);
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
            _parts = Math.Min(_pool.Threads, kb.Count);
            Array.Clear(_losses);
            if (_update == CpuUpdate.Sequential)
            {
                if (_hot is null && _hotRows > 0) UseHotRows(_kernel.HottestOutsideRows(kb, _hotRows));
                _nextExample = 0;
                _pool.Run(_parts, _sequentialPart);
                _hot?.Merge(_p, _parts);                               // the workers' changes to the hot rows
            }
            else
            {
                _grads.EnsureCapacity(kb.Count, _kernel.Dimension, _kernel.CoefficientsPerExample(kb.NegativesPerExample));
                var working = _scratch.AsSpan(0, _parts);   // a small batch leaves workers idle
                foreach (var s in working) _kernel.ResetOutsideGradient(s);
                _pool.Run(_parts, _gradientPart);
                _kernel.ApplyGradients(_p, kb, _grads, working, _lr);
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

        private void UseHotRows(int[] rows)
        {
            _hot = new HotRows<T>(rows, _kernel.OutsideRows, _kernel.Dimension, _scratch.Length);
            for (var i = 0; i < _scratch.Length; i++) _scratch[i].UseHotRows(_hot, i);
        }

        /// <summary>
        /// Sequential mode, worker <paramref name="part"/>: with one worker the whole batch in order;
        /// with several, blocks of <see cref="ChunkSize"/> examples taken in turn from a shared counter,
        /// so that a worker the OS has paused (on a machine shared with the batch producer and other
        /// programs) holds up the step by one block, not by half the batch.
        /// </summary>
        private void SequentialPart(int part)
        {
            var scratch = _scratch[part];
            _hot?.Load(_p, part);                                      // this worker's copies of the hot rows
            if (_parts == 1)
            {
                _losses[part] = _kernel.TrainSequential(_p, _batch, 0, _batch.Count, _lr, _wantLoss, scratch);
                return;
            }
            double loss = 0;
            int start;
            while ((start = Interlocked.Add(ref _nextExample, ChunkSize) - ChunkSize) < _batch.Count)
                loss += _kernel.TrainSequential(_p, _batch, start, Math.Min(start + ChunkSize, _batch.Count), _lr, _wantLoss, scratch);
            _losses[part] = loss;
        }

        private void GradientPart(int part)
        {
            var (start, end) = Range(part);
            _losses[part] = _kernel.ComputeGradients(_p, _batch, start, end, _grads, _scratch[part], _wantLoss);
        }

        public Embeddings Export()
        {
            // torch.tensor(array) copies the array (TorchSharp's clone), so training goes on in ours.
            return new Embeddings(Tensor(_p.Center, new long[] { _p.VocabSize, _p.Dimension }),
                Tensor(_p.Outside, new long[] { _p.OutsideRows, _p.Dimension }));
        }

        public Embeddings View()
        {
            using var scope = torch.NewDisposeScope();
            return new Embeddings(torch.from_array(_p.Center).view(_p.VocabSize, _p.Dimension),
                torch.from_array(_p.Outside).view(_p.OutsideRows, _p.Dimension));
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
