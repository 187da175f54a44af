using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Engines.TensorOps;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>
/// w2v speed: times one training step of the tensor engine (<see cref="SgdStep"/>, manual
/// gradients, skip-gram) on random indices, for naive softmax (O(B·V·d): three [B,d]×[d,V]-sized
/// matrix products plus a softmax over [B,V]) and negative sampling (O(B·K·d)), and a bare
/// <c>mm</c> of the same size (and the step's two other products alone), so the naive-softmax step
/// can be read against matrix-product speed.
/// Warm-up first; each figure is the median over repeats.
/// </summary>
public static class SpeedCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var vocab = new Option<int>("--vocab") { Description = "V: vocabulary size (rows of the matrices).", DefaultValueFactory = _ => 20000 };
        var dim = new Option<int>("--dim") { Description = "d: vector size.", DefaultValueFactory = _ => 50 };
        var batch = new Option<int>("--batch") { Description = "B: (centre, outside) pairs per step.", DefaultValueFactory = _ => 1024 };
        var negatives = new Option<int>("--negatives") { Description = "K for the negative-sampling case.", DefaultValueFactory = _ => 5 };
        var steps = new Option<int>("--steps") { Description = "Steps (or products) per repeat, at least; a repeat goes on until --min-seconds.", DefaultValueFactory = _ => 5 };
        var minSeconds = new Option<double>("--min-seconds") { Description = "Least duration of one repeat.", DefaultValueFactory = _ => 0.5 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats (the median is reported).", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps before each case.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0: libtorch's default).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or float64.", DefaultValueFactory = _ => "float32" };
        var seed = new Option<long>("--seed") { Description = "Seed of the random parameters and indices.", DefaultValueFactory = _ => 1 };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("speed", "Time the tensor training step (naive softmax, negative sampling) against a bare matrix product.")
        {
            vocab, dim, batch, negatives, steps, minSeconds, repeats, warmup, threads, device, dtype, seed, json,
        };
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var o = new SpeedOptions(r.GetValue(vocab), r.GetValue(dim), r.GetValue(batch), r.GetValue(negatives), r.GetValue(steps),
                r.GetValue(minSeconds), r.GetValue(repeats), r.GetValue(warmup), r.GetValue(threads), r.GetValue(device)!,
                r.GetValue(dtype)!, r.GetValue(seed));
            var path = r.GetValue(json);
            if (path is not null)   // refused before the timing, not after it
            {
                if (string.IsNullOrWhiteSpace(path) || Directory.Exists(path))
                    throw new ArgumentException($"--json = \"{path}\": {(Directory.Exists(path) ? "a folder" : "empty")}; name the JSON file to write.");
                FolderLock.CheckFolder(Path.GetDirectoryName(Path.GetFullPath(path))!, "--json's folder");
            }
            var result = Run(o, stdout);
            if (path is not null)
            {
                AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, JsonOptions));   // makes its folder
                stdout.WriteLine($"  wrote {path}");
            }
            return 0;
        }));
        return command;
    }

    public sealed record SpeedOptions(int Vocab, int Dim, int Batch, int Negatives, int Steps, double MinSeconds, int Repeats, int Warmup,
        int Threads, string Device, string Dtype, long Seed);

    /// <summary>One timed case: seconds per step (or per product) of each repeat, and their median.</summary>
    public sealed record SpeedCase(string Name, long PairsPerStep, double MedianSecondsPerStep, double MedianPairsPerSecond, double[] SecondsPerStep);

    public sealed record SpeedResult(
        int Vocab, int Dim, int Batch, int Negatives, string Device, string Dtype, int Threads, string Torch, string[] BlasLibraries,
        SpeedCase NaiveSoftmax, SpeedCase NegativeSampling, SpeedCase MatrixProduct, SpeedCase[] GradientProducts,
        double MatrixProductGflops, double NaiveStepOverOneMm, double NaivePairsPerSecondAtMmSpeed, double NaiveFractionOfMmSpeed,
        double StepProductsSeconds, double NaiveFractionInProducts);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static SpeedResult Run(SpeedOptions o, TextWriter stdout)
    {
        var dtype = DeviceSelection.ResolveDtype(o.Dtype);
        var device = DeviceSelection.Resolve(o.Device);
        Validate(o, dtype, device);
        if (o.Threads > 0) torch.set_num_threads(o.Threads);
        var threads = torch.get_num_threads();
        var inv = CultureInfo.InvariantCulture;

        var rng = new Random((int)o.Seed);
        var naiveBatches = Enumerable.Range(0, 8).Select(_ => RandomBatch(rng, o.Vocab, o.Batch, 0)).ToArray();
        var nsBatches = Enumerable.Range(0, 8).Select(_ => RandomBatch(rng, o.Vocab, o.Batch, o.Negatives)).ToArray();

        SpeedCase naive, ns;
        using (var naiveLoss = new NaiveSoftmaxLoss())   // its [B, V] buffer goes before the other cases are timed
            naive = TimeSteps("naive softmax step", o, device, dtype, naiveBatches, naiveLoss);
        using (var nsLoss = new NegativeSamplingLoss())
            ns = TimeSteps($"negative sampling step (K = {o.Negatives})", o, device, dtype, nsBatches, nsLoss);
        // The step's three products, each of 2·B·d·V flops: H·Uᵀ (the scores), G·U (∂J/∂H) and Gᵀ·H (∂J/∂U), G = Ŷ − Y [B,V].
        using var productScope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)o.Seed + 1);
        Tensor Random(long rows, long cols) => torch.randn(rows, cols, ScalarType.Float32, generator: generator).to(dtype).to(device);
        var (h, u, g) = (Random(o.Batch, o.Dim), Random(o.Vocab, o.Dim), Random(o.Batch, o.Vocab));
        var mm = TimeProduct($"bare mm H·Uᵀ [{o.Batch},{o.Dim}]x[{o.Dim},{o.Vocab}]", o, device, h, u.t());
        var gradients = new[]
        {
            TimeProduct($"mm G·U [{o.Batch},{o.Vocab}]x[{o.Vocab},{o.Dim}]", o, device, g, u),
            TimeProduct($"mm Gᵀ·H [{o.Vocab},{o.Batch}]x[{o.Batch},{o.Dim}]", o, device, g.t(), h),
        };
        var blas = LoadedBlas();

        var gflops = 2.0 * o.Batch * o.Dim * o.Vocab / mm.MedianSecondsPerStep / 1e9;
        var atMmSpeed = o.Batch / (3 * mm.MedianSecondsPerStep);
        var productSeconds = mm.MedianSecondsPerStep + gradients.Sum(c => c.MedianSecondsPerStep);
        var result = new SpeedResult(o.Vocab, o.Dim, o.Batch, o.Negatives, device.ToString(), DeviceSelection.Name(dtype), threads,
            torch.__version__, blas, naive, ns, mm, gradients, gflops, naive.MedianSecondsPerStep / mm.MedianSecondsPerStep, atMmSpeed,
            naive.MedianPairsPerSecond / atMmSpeed, productSeconds, productSeconds / naive.MedianSecondsPerStep);

        stdout.WriteLine(string.Format(inv, "speed: V = {0:N0}, d = {1}, B = {2:N0}, {3} on {4}, {5} libtorch thread(s), libtorch {6}",
            o.Vocab, o.Dim, o.Batch, result.Dtype, result.Device, threads, result.Torch));
        stdout.WriteLine("BLAS mapped into this process: " + (blas.Length == 0 ? "none found in /proc/self/maps (MKL or a static BLAS?)" : string.Join(", ", blas)));
        stdout.WriteLine(string.Format(inv, "median of {0} repeats (each ≥ {1} steps and ≥ {2} s), after {3} warm-up steps:", o.Repeats, o.Steps, o.MinSeconds, o.Warmup));
        stdout.WriteLine(string.Format(inv, "  {0,-44} {1,12} {2,14}", "case", "ms / step", "pairs / s"));
        foreach (var c in new[] { naive, ns })
            stdout.WriteLine(string.Format(inv, "  {0,-44} {1,12:F3} {2,14:N0}", c.Name, c.MedianSecondsPerStep * 1e3, c.MedianPairsPerSecond));
        foreach (var c in gradients.Prepend(mm))
            stdout.WriteLine(string.Format(inv, "  {0,-44} {1,12:F3} {2,14}", c.Name, c.MedianSecondsPerStep * 1e3,
                $"{2.0 * o.Batch * o.Dim * o.Vocab / c.MedianSecondsPerStep / 1e9:F1} GFLOP/s"));
        stdout.WriteLine(string.Format(inv,
            "naive softmax: one step = {0:F2} bare mm; at matrix-product speed (3 products per step) it would run {1:N0} pairs/s, it runs {2:P0} of that; " +
            "its own three products (timed alone) make {3:P0} of the step.",
            result.NaiveStepOverOneMm, atMmSpeed, result.NaiveFractionOfMmSpeed, result.NaiveFractionInProducts));
        return result;
    }

    private const int MaxThreads = 256;
    private const double MaxMinSeconds = 3600;

    /// <summary>Every option out of its range, named with its value; then, on the CPU, what the sizes need against the
    /// memory this process may use (the batches' B·K negatives, naive softmax's [B, V] matrices and the extra G for the
    /// products, the parameters). On a GPU libtorch's own out-of-memory error says it.</summary>
    private static void Validate(SpeedOptions o, ScalarType dtype, Device device)
    {
        var problems = new List<string>();
        void Need(bool ok, string problem)
        {
            if (!ok) problems.Add(problem);
        }
        var inv = CultureInfo.InvariantCulture;
        Need(o.Vocab >= 2, $"--vocab {o.Vocab} must be at least 2");
        Need(o.Dim >= 1, $"--dim {o.Dim} must be at least 1");
        Need(o.Batch >= 1, $"--batch {o.Batch} must be at least 1");
        Need(o.Negatives >= 1, $"--negatives {o.Negatives} must be at least 1");
        Need(o.Steps >= 1, $"--steps {o.Steps} must be at least 1");
        Need(o.Repeats >= 1, $"--repeats {o.Repeats} must be at least 1");
        Need(o.Warmup >= 0, $"--warmup {o.Warmup} must be at least 0");
        // The bounds train has for threads; an hour a repeat is far past any timing worth the wait.
        Need(o.Threads is >= 0 and <= MaxThreads, $"--threads {o.Threads} must be between 0 (libtorch's default) and {MaxThreads}");
        Need(double.IsFinite(o.MinSeconds) && o.MinSeconds is >= 0 and <= MaxMinSeconds,
            string.Create(inv, $"--min-seconds {o.MinSeconds} must be a finite number of seconds from 0 to {MaxMinSeconds:0}"));
        if (problems.Count == 0)
        {
            var negatives = (long)o.Batch * o.Negatives;
            Need(negatives <= int.MaxValue, string.Create(inv,
                $"--batch {o.Batch:N0} × --negatives {o.Negatives:N0} = {negatives:N0} negatives a step, more than a batch holds ({int.MaxValue:N0})"));
            double value = dtype == ScalarType.Float64 ? 8 : 4;
            var bytes = 8.0 * 8 * negatives + MemoryBudget.NaiveSoftmaxStepBytes(o.Batch, o.Vocab, value) + (double)o.Batch * o.Vocab * value
                        + 3.0 * o.Vocab * o.Dim * value;
            Need(device.type != DeviceType.CPU || bytes <= MemoryBudget.Limit, string.Create(inv,
                $"--vocab {o.Vocab:N0}, --dim {o.Dim:N0}, --batch {o.Batch:N0} and --negatives {o.Negatives:N0} need about {bytes / 1e9:N1} GB, " +
                $"more than the {MemoryBudget.Limit / 1e9:N1} GB this process may use"));
        }
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems) + ".");
    }

    private static TrainingBatch RandomBatch(Random rng, int vocab, int b, int k)
    {
        var batch = new TrainingBatch();
        batch.Prepare(b, 1, k);
        for (var i = 0; i < b; i++)
        {
            batch.Inputs[i] = rng.Next(vocab);
            batch.InputMask[i] = 1f;
            batch.Targets[i] = rng.Next(vocab);
            for (var j = 0; j < k; j++)
            {
                long w;
                do w = rng.Next(vocab); while (w == batch.Targets[i]);
                batch.Negatives[i * k + j] = w;
            }
        }
        batch.Count = b;
        batch.Windows = b;
        return batch;
    }

    private static Embeddings RandomModel(SpeedOptions o, Device device, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)o.Seed);
        using var half = 0.5.ToScalar();
        using var dim = o.Dim.ToScalar();
        var v = torch.rand(o.Vocab, o.Dim, ScalarType.Float32, generator: generator).sub(half).div(dim);
        var u = torch.rand(o.Vocab, o.Dim, ScalarType.Float32, generator: generator).sub(half).div(dim);
        return new Embeddings(v.to(dtype).to(device), u.to(dtype).to(device));
    }

    private static SpeedCase TimeSteps(string name, SpeedOptions o, Device device, ScalarType dtype, TrainingBatch[] batches, IOutputLoss loss)
    {
        using var engine = new TensorEngine(RandomModel(o, device, dtype), new Word2VecArchitecture(ContextCombine.Sum, loss));
        var n = 0;
        // A small learning rate keeps the parameters finite however many steps run.
        void One()
        {
            using var scope = torch.NewDisposeScope();
            engine.Step(batches[n++ % batches.Length], 1e-4, wantLoss: false);
        }
        return Time(name, o, device, o.Batch, One);
    }

    /// <summary>a·b into an output kept between products (as the naive-softmax step keeps its [B,V] scores), so
    /// that a product is timed, not the first touch of freshly mapped memory.</summary>
    private static SpeedCase TimeProduct(string name, SpeedOptions o, Device device, Tensor a, Tensor b)
    {
        using var output = torch.empty(a.shape[0], b.shape[1], a.dtype, a.device);
        void One() => output.addmm_(a, b, beta: 0, alpha: 1);
        return Time(name, o, device, o.Batch, One);
    }

    private static SpeedCase Time(string name, SpeedOptions o, Device device, long pairsPerStep, Action one)
    {
        for (var i = 0; i < o.Warmup; i++) one();
        Sync(device);
        var perStep = new double[o.Repeats];
        for (var r = 0; r < o.Repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var steps = 0;
            while (steps < o.Steps || clock.Elapsed.TotalSeconds < o.MinSeconds)
            {
                one();
                steps++;
                if (steps >= o.Steps && device.type == DeviceType.CUDA) Sync(device);
            }
            Sync(device);
            perStep[r] = clock.Elapsed.TotalSeconds / steps;
        }
        var median = Median(perStep);
        return new SpeedCase(name, pairsPerStep, median, pairsPerStep / median, perStep);
    }

    private static void Sync(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }

    private static double Median(double[] xs)
    {
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>The BLAS (and LAPACK) libraries mapped into this process, as /proc/self/maps names them (symbolic links resolved).</summary>
    private static string[] LoadedBlas()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return Array.Empty<string>();
        return File.ReadLines(maps)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].StartsWith('/'))
            .Select(f => f[5])
            .Where(p => Path.GetFileName(p) is var n && (n.Contains("blas", StringComparison.OrdinalIgnoreCase) ||
                                                        n.Contains("mkl", StringComparison.OrdinalIgnoreCase)))
            .Distinct()
            .ToArray();
    }
}
