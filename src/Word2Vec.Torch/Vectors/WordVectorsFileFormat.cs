namespace Word2Vec.Torch.Vectors;

/// <summary>The two word2vec vector file formats.</summary>
public enum WordVectorsFileFormat
{
    /// <summary>Tell text from binary by looking at the first row after the header.</summary>
    Auto,

    /// <summary>"N d" header, then one "word v1 … vd" line per word.</summary>
    Text,

    /// <summary>"N d" header line, then per word: the word, a space, d little-endian float32, an optional '\n'.</summary>
    Binary,
}
