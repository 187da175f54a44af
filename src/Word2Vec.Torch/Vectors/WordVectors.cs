using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Vectors;

/// <summary>
/// Trained word vectors, like gensim's <c>KeyedVectors</c>: the words (in file order, which for
/// word2vec files is by descending frequency), an index, the matrix as a float32 tensor [N, d] on a
/// device, and optional counts. It knows nothing about training.
///
/// The object owns its tensors (they are detached from every dispose scope) and frees them in
/// <see cref="Dispose"/>; callers must not dispose <see cref="Vectors"/> or <see cref="Normalized"/>.
/// </summary>
public sealed class WordVectors : IDisposable
{
    /// <summary>3CosMul's ε (Levy &amp; Goldberg 2014), here and in the analogy evaluation.</summary>
    public const double CosMulEpsilon = 0.001;

    private readonly string[] _words;
    private readonly Dictionary<string, int> _index;
    private readonly long[]? _counts;
    private readonly Tensor _vectors;
    private readonly object _lock = new();
    private Tensor? _normalized;
    private CaseInsensitiveVocabulary? _caseInsensitive;

    private WordVectors(string[] words, Dictionary<string, int> index, Tensor vectors, long[]? counts)
    {
        _words = words;
        _index = index;
        _vectors = vectors;
        _counts = counts;
    }

    /// <summary>The words, row i of the matrix belonging to word i.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>word → row (case-sensitive).</summary>
    public IReadOnlyDictionary<string, int> Index => _index;

    /// <summary>The words' corpus counts, when known (same order as <see cref="Words"/>).</summary>
    public IReadOnlyList<long>? Counts => _counts;

    /// <summary>The matrix, float32 [Count, Dimension], on <see cref="Device"/>. Owned by this object.</summary>
    public Tensor Vectors => _vectors;

    /// <summary>The device the matrix lives on.</summary>
    public Device Device => _vectors.device;

    /// <summary>The number of words N.</summary>
    public int Count => _words.Length;

    /// <summary>The dimension d of the vectors.</summary>
    public int Dimension => (int)_vectors.shape[1];

    /// <summary>
    /// The rows scaled to unit length (zero rows stay zero), computed on first use and kept.
    /// Owned by this object.
    /// </summary>
    public Tensor Normalized
    {
        get
        {
            lock (_lock)
            {
                if (_normalized is null)
                {
                    using var scope = torch.NewDisposeScope();
                    using var noGrad = torch.no_grad();
                    using var tiny = 1e-12.ToScalar();
                    var norms = _vectors.norm(1, keepdim: true).clamp_min(tiny);
                    _normalized = _vectors.div(norms).DetachFromDisposeScope();
                }
                return _normalized;
            }
        }
    }

    /// <summary>A lower-cased view of the vocabulary (the most frequent case variant wins).</summary>
    public CaseInsensitiveVocabulary CaseInsensitive
    {
        get
        {
            lock (_lock) return _caseInsensitive ??= new CaseInsensitiveVocabulary(_words);
        }
    }

    // ------------------------------------------------------------------ construction

    /// <summary>
    /// Vectors from a row-major matrix of <c>words.Count × d</c> floats (d is inferred).
    /// </summary>
    /// <exception cref="ArgumentException">No words, a length that is not a multiple of the word
    /// count, an empty word, a word with whitespace, a duplicate word, a value that is NaN or infinite
    /// (a file could not hold it), or counts of another length.</exception>
    public static WordVectors FromMatrix(IReadOnlyList<string> words, float[] matrix, IReadOnlyList<long>? counts = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(matrix);
        if (words.Count == 0)
            throw new ArgumentException("At least one word is needed to infer the dimension.", nameof(words));
        if (matrix.Length % words.Count != 0 || matrix.Length == 0)
            throw new ArgumentException($"{matrix.Length} values are not {words.Count} rows of equal length.", nameof(matrix));
        var d = matrix.Length / words.Count;
        var bad = Array.FindIndex(matrix, v => !float.IsFinite(v));
        if (bad >= 0) throw NotFinite(words, bad / d, bad % d, matrix[bad]);
        return Create(words, matrix, d, counts, device, "matrix");
    }

    /// <summary>Vectors from a [N, d] tensor (copied as float32, on the tensor's device).</summary>
    /// <exception cref="ArgumentException">As the array's overload: a shape other than [words, d ≥ 1] included.</exception>
    public static WordVectors FromMatrix(IReadOnlyList<string> words, Tensor matrix, IReadOnlyList<long>? counts = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.ndim != 2 || matrix.shape[0] != words.Count || words.Count == 0 || matrix.shape[1] == 0)
            throw new ArgumentException($"The matrix has shape [{string.Join(", ", matrix.shape)}]; expected [{words.Count}, d] with at least one word and d ≥ 1.", nameof(matrix));
        var (wordArray, index) = BuildIndex(words, "matrix");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var copy = matrix.detach().to(ScalarType.Float32).clone().contiguous();
        var finite = torch.isfinite(copy).all(dim: 1).cpu().data<bool>().ToArray();
        var badRow = Array.IndexOf(finite, false);
        if (badRow >= 0)
        {
            var row = copy[badRow].cpu().data<float>().ToArray();
            var column = Array.FindIndex(row, v => !float.IsFinite(v));
            throw NotFinite(wordArray, badRow, column, row[column]);
        }
        return new WordVectors(wordArray, index, copy.DetachFromDisposeScope(), CheckCounts(counts, wordArray.Length));
    }

    private static ArgumentException NotFinite(IReadOnlyList<string> words, int row, int column, float value) =>
        new($"matrix: word #{row} '{words[row]}': value {column + 1} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not a finite number.", "matrix");

    /// <summary>Vectors that take <paramref name="matrix"/> over, without a copy: a [N, d] float32 tensor
    /// nothing else writes to any more (a finished run's parameters); the object owns this handle.</summary>
    internal static WordVectors Adopt(IReadOnlyList<string> words, Tensor matrix, IReadOnlyList<long>? counts = null)
    {
        if (matrix.ndim != 2 || matrix.shape[0] != words.Count || matrix.dtype != ScalarType.Float32 || !matrix.is_contiguous())
            throw new ArgumentException($"Adopt takes a contiguous float32 [{words.Count}, d] tensor, not [{string.Join(", ", matrix.shape)}] {matrix.dtype}.", nameof(matrix));
        var (wordArray, index) = BuildIndex(words, "matrix");
        return new WordVectors(wordArray, index, matrix.DetachFromDisposeScope(), CheckCounts(counts, wordArray.Length));
    }

    /// <summary>Builds the object from parsed rows; duplicate words were already rejected by the reader.</summary>
    internal static WordVectors Create(IReadOnlyList<string> words, float[] matrix, int dimension, IReadOnlyList<long>? counts, Device? device, string source)
    {
        var (wordArray, index) = BuildIndex(words, source);
        using var scope = torch.NewDisposeScope();
        var t = tensor(matrix, new long[] { wordArray.Length, dimension }, ScalarType.Float32);
        if (device is not null && device.type != DeviceType.CPU) t = t.to(device);
        return new WordVectors(wordArray, index, t.DetachFromDisposeScope(), CheckCounts(counts, wordArray.Length));
    }

    private static (string[] Words, Dictionary<string, int> Index) BuildIndex(IReadOnlyList<string> words, string source)
    {
        var array = words.ToArray();
        var index = new Dictionary<string, int>(array.Length, StringComparer.Ordinal);
        for (var i = 0; i < array.Length; i++)
        {
            var w = array[i];
            if (string.IsNullOrEmpty(w))
                throw new ArgumentException($"{source}: word #{i} is empty.", nameof(words));
            if (w.Any(c => c is ' ' or '\t' or '\n' or '\r'))
                throw new ArgumentException($"{source}: word #{i} '{w}' contains whitespace, which the word2vec formats cannot hold.", nameof(words));
            if (!index.TryAdd(w, i))
                throw new ArgumentException($"{source}: duplicate word '{w}' (#{index[w]} and #{i}).", nameof(words));
        }
        return (array, index);
    }

    private static long[]? CheckCounts(IReadOnlyList<long>? counts, int n)
    {
        if (counts is null) return null;
        if (counts.Count != n)
            throw new ArgumentException($"{counts.Count} counts for {n} words.", nameof(counts));
        return counts.ToArray();
    }

    // ------------------------------------------------------------------ files

    /// <summary>
    /// Reads a word2vec file, text (<c>N d</c> header, then <c>word v1 … vd</c> lines) or binary
    /// (header line, then per word: the word, a space, d little-endian float32, an optional '\n');
    /// <see cref="WordVectorsFileFormat.Auto"/> tells them apart. <paramref name="countsPath"/>
    /// optionally names a word2vec.c vocabulary file (<c>word count</c> lines).
    /// </summary>
    /// <exception cref="Data.DataFormatException">A bad header, a short or long row, a non-number, a
    /// duplicate word, or a truncated file; the message names the file and line.</exception>
    public static WordVectors Load(string path, WordVectorsFileFormat format = WordVectorsFileFormat.Auto, Device? device = null, string? countsPath = null) =>
        WordVectorsReader.Read(path, format, device, countsPath);

    /// <summary>Writes the word2vec text format (values in shortest round-trip form).</summary>
    public void SaveText(string path) => AtomicFile.Write(path, s => SaveText(s));

    /// <summary>The word2vec text format, onto a stream (the caller's; left open).</summary>
    public void SaveText(Stream stream) => WordVectorsWriter.WriteText(this, stream);

    /// <summary>Writes the word2vec binary format (readable by word2vec.c's tools and gensim).</summary>
    public void SaveBinary(string path) => AtomicFile.Write(path, s => SaveBinary(s));

    /// <summary>The word2vec binary format, onto a stream (the caller's; left open).</summary>
    public void SaveBinary(Stream stream) => WordVectorsWriter.WriteBinary(this, stream);

    // ------------------------------------------------------------------ lookups

    public bool Contains(string word) => _index.ContainsKey(word);

    public bool TryGetIndex(string word, out int index) => _index.TryGetValue(word, out index);

    /// <exception cref="KeyNotFoundException">The word is not in the vocabulary.</exception>
    public int IndexOf(string word) =>
        _index.TryGetValue(word, out var i) ? i : throw new KeyNotFoundException($"'{word}' is not in the vocabulary.");

    /// <summary>A copy of one word's vector.</summary>
    public float[] GetVector(string word)
    {
        var i = IndexOf(word);
        using var scope = torch.NewDisposeScope();
        return _vectors[i].cpu().data<float>().ToArray();
    }

    /// <summary>A copy of the whole matrix, row-major.</summary>
    public float[] ToArray()
    {
        using var scope = torch.NewDisposeScope();
        return _vectors.cpu().contiguous().data<float>().ToArray();
    }

    // ------------------------------------------------------------------ similarity

    /// <summary>cos(w1, w2).</summary>
    /// <exception cref="KeyNotFoundException">Either word is unknown (the message names it).</exception>
    public double Similarity(string word1, string word2)
    {
        var rows = IndicesOf(new[] { word1, word2 });
        using var scope = torch.NewDisposeScope();
        var pair = Normalized.index_select(0, tensor(rows, device: Device));
        return pair[0].dot(pair[1]).cpu().item<float>();
    }

    /// <summary>
    /// The <paramref name="topn"/> words nearest by cosine to the mean of the unit vectors of the
    /// positive words minus those of the negative words (gensim's <c>most_similar</c>; with positive
    /// b, c and negative a, 3CosAdd's answers to a : b :: c : ?), leaving out the query words.
    /// <paramref name="restrictVocab"/> limits the candidates to the first (most frequent) words.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Unknown query words (all are named).</exception>
    public IReadOnlyList<Neighbour> MostSimilar(string[] positive, string[]? negative = null, int topn = 10, int? restrictVocab = null) =>
        Nearest(positive, negative, topn, restrictVocab, (candidates, rows, p) =>
        {
            // m = Σ ±ê_q / ‖Σ ±ê_q‖, score(x) = cos(x, m) = ê_x · m.
            var weights = Enumerable.Repeat(1f, p).Concat(Enumerable.Repeat(-1f, (int)rows.shape[0] - p)).ToArray();
            var mean = rows.mul(tensor(weights, new long[] { weights.Length, 1 }, device: Device)).sum(dim: 0);
            using var tiny = 1e-12.ToScalar();
            return candidates.mv(mean.div(mean.norm().clamp_min(tiny)));
        });

    /// <summary>
    /// The <paramref name="topn"/> words x of highest Π_p s(x, p) / (Π_n s(x, n) + ε) over the positive words p and
    /// negative words n, with cosines shifted to [0, 1] by s = (cos + 1) / 2 and ε = <see cref="CosMulEpsilon"/>
    /// (gensim's <c>most_similar_cosmul</c>, whose ε is 10⁻⁶; with positive b, c and negative a, 3CosMul's answers to
    /// a : b :: c : ?, as the analogy evaluation gives them), leaving out the query words. Each neighbour's score is
    /// that ratio, not a cosine.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Unknown query words (all are named).</exception>
    public IReadOnlyList<Neighbour> MostSimilarCosMul(string[] positive, string[]? negative = null, int topn = 10, int? restrictVocab = null) =>
        Nearest(positive, negative, topn, restrictVocab, (candidates, rows, p) =>
        {
            using var half = 0.5.ToScalar();
            using var epsilon = CosMulEpsilon.ToScalar();
            var s = candidates.mm(rows.t()).add_(Held.One, Held.One).mul_(half);   // s(x, q) [V, Q]
            var q = (int)rows.shape[0];
            var numerator = p > 0 ? s.narrow(1, 0, p).prod(1) : ones(s.shape[0], device: Device);
            var denominator = q > p ? s.narrow(1, p, q - p).prod(1) : ones(s.shape[0], device: Device);
            return numerator.div_(denominator.add_(epsilon, Held.One));
        });

    /// <summary>The top <paramref name="topn"/> candidates by <paramref name="score"/> (candidates [V, d], the
    /// query's unit rows [Q, d] positive first, the number of positive words), the query words left out.</summary>
    private IReadOnlyList<Neighbour> Nearest(string[] positive, string[]? negative, int topn, int? restrictVocab,
        Func<Tensor, Tensor, int, Tensor> score)
    {
        ArgumentNullException.ThrowIfNull(positive);
        negative ??= Array.Empty<string>();
        if (positive.Length + negative.Length == 0)
            throw new ArgumentException("Give at least one positive or negative word.", nameof(positive));
        var limit = Limit(topn, restrictVocab);
        var query = IndicesOf(positive.Concat(negative).ToArray());
        if (topn == 0) return Array.Empty<Neighbour>();

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var rows = Normalized.index_select(0, tensor(query, device: Device));
        return Top(score(Normalized.narrow(0, 0, limit), rows, positive.Length), topn, query);
    }

    /// <summary>The candidate rows that <paramref name="restrictVocab"/> leaves (all when null), once both arguments are checked.</summary>
    private int Limit(int topn, int? restrictVocab)
    {
        if (topn < 0) throw new ArgumentOutOfRangeException(nameof(topn), topn, "topn must not be negative.");
        if (restrictVocab < 1)
            throw new ArgumentOutOfRangeException(nameof(restrictVocab), restrictVocab, "restrictVocab must be at least 1 (null: every word).");
        return Math.Min(restrictVocab ?? Count, Count);
    }

    /// <summary>The <paramref name="topn"/> highest scores of <paramref name="scores"/> [limit], the rows of <paramref name="exclude"/> left out.</summary>
    private List<Neighbour> Top(Tensor scores, int topn, long[] exclude)
    {
        var k = (int)Math.Min(scores.shape[0], (long)topn + exclude.Length);
        var (values, indexes) = scores.topk(k);
        var v = values.cpu().data<float>().ToArray();
        var ix = indexes.cpu().data<long>().ToArray();
        var excluded = new HashSet<long>(exclude);
        var result = new List<Neighbour>(Math.Min(topn, k));
        for (var j = 0; j < ix.Length && result.Count < topn; j++)
            if (!excluded.Contains(ix[j])) result.Add(new Neighbour(_words[ix[j]], v[j]));
        return result;
    }

    /// <summary>The <paramref name="topn"/> nearest neighbours of one word, the word left out.</summary>
    public IReadOnlyList<Neighbour> MostSimilar(string word, int topn = 10, int? restrictVocab = null) =>
        MostSimilar(new[] { word }, null, topn, restrictVocab);

    /// <summary>
    /// The <paramref name="topn"/> words nearest by cosine to any vector of the dimension (gensim's
    /// <c>similar_by_vector</c>): a vector computed outside, a word's own vector included among them.
    /// </summary>
    /// <exception cref="ArgumentException">A vector of another length, a zero vector, or a value that is not finite.</exception>
    public IReadOnlyList<Neighbour> SimilarByVector(float[] vector, int topn = 10, int? restrictVocab = null)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Length != Dimension)
            throw new ArgumentException($"The vector has {vector.Length} values; the vectors have {Dimension}.", nameof(vector));
        // cos(x, q) = ê_x · q / ‖q‖, q scaled in double first: a tiny vector's float32 norm would underflow to 0.
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (!double.IsFinite(norm) || norm == 0)
            throw new ArgumentException("The vector must be finite and not zero (a cosine needs a direction).", nameof(vector));
        var limit = Limit(topn, restrictVocab);
        if (topn == 0) return Array.Empty<Neighbour>();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var unit = tensor(vector.Select(v => (float)(v / norm)).ToArray(), device: Device);
        return Top(Normalized.narrow(0, 0, limit).mv(unit), topn, []);
    }

    private long[] IndicesOf(IReadOnlyList<string> words)
    {
        var missing = words.Where(w => !_index.ContainsKey(w)).Distinct().ToList();
        if (missing.Count > 0)
            throw new KeyNotFoundException($"Not in the vocabulary: {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        return words.Select(w => (long)_index[w]).ToArray();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _normalized?.Dispose();
            _normalized = null;
            _vectors.Dispose();
        }
    }
}
