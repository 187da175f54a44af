using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.OnDevice;

/// <summary>
/// An encoded text corpus and its sampling tables, moved to one device once, so that pair
/// generation never reads host memory again:
/// <code>
///   Tokens            [T] int32   the word ids in corpus order
///   SentenceStarts    [T] int32   for each position, where its sentence (line) starts: equal ⇔ same sentence
///   KeepProbabilities [V] float32 word2vec.c's subsampling, (sqrt(f/t) + 1)·t/f (≥ 1: always kept)
///   NoiseTable        [S] int32   the unigram^0.75 table (<see cref="UnigramTable"/>)
/// </code>
/// Device memory: 8 bytes a token plus 4·S (T = 17M tokens and S = 10^7: about 180 MB).
/// </summary>
public sealed class DeviceCorpus : IDisposable
{
    /// <param name="corpus">The encoded corpus (its vocabulary's counts give f and the noise distribution).</param>
    /// <param name="sample">word2vec.c's subsampling threshold t (0: keep every token).</param>
    /// <param name="device">Where the tensors live.</param>
    /// <param name="noiseTableSize">S, the slots of the unigram table.</param>
    public DeviceCorpus(TextCorpus corpus, double sample, Device device, int noiseTableSize = UnigramTable.DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(device);
        // The whole corpus goes to the device: its ids and each token's sentence start (int32 positions).
        var (tokens, sentenceEnds) = corpus.ToArrays();
        var starts = new int[tokens.Length];
        for (int s = 0, start = 0; s < sentenceEnds.Length; start = sentenceEnds[s], s++)
            Array.Fill(starts, start, start, sentenceEnds[s] - start);
        var keep = Word2VecSubsampling.KeepProbabilities(corpus.Vocabulary, sample)
            .Select(p => (float)Math.Min(p, 2.0)).ToArray();   // ≥ 1 means always; 2 stays exact in float32

        Device = device;
        TotalWords = tokens.Length;
        VocabSize = corpus.Vocabulary.Count;
        Sample = sample;
        // Kept only once all four are made: a failed upload (out of device memory) frees the ones before it.
        using (torch.NewDisposeScope())
        {
            var tokensOnDevice = torch.tensor(tokens, device: device);
            var startsOnDevice = torch.tensor(starts, device: device);
            var keepOnDevice = torch.tensor(keep, device: device);
            var noiseOnDevice = torch.tensor(UnigramTable.Build(corpus.Vocabulary.Counts, noiseTableSize), device: device);
            Tokens = tokensOnDevice.DetachFromDisposeScope();
            SentenceStarts = startsOnDevice.DetachFromDisposeScope();
            KeepProbabilities = keepOnDevice.DetachFromDisposeScope();
            NoiseTable = noiseOnDevice.DetachFromDisposeScope();
        }
    }

    public Device Device { get; }

    /// <summary>T, the tokens of one epoch.</summary>
    public long TotalWords { get; }

    public int VocabSize { get; }

    /// <summary>The subsampling threshold the keep probabilities were computed with.</summary>
    public double Sample { get; }

    public Tensor Tokens { get; }
    public Tensor SentenceStarts { get; }
    public Tensor KeepProbabilities { get; }
    public Tensor NoiseTable { get; }

    public void Dispose()
    {
        Tokens.Dispose();
        SentenceStarts.Dispose();
        KeepProbabilities.Dispose();
        NoiseTable.Dispose();
    }
}
