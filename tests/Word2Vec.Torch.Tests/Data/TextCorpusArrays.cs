using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests;

/// <summary>The tests' view of a small corpus as arrays (each access reads the whole corpus: take it once).</summary>
internal static class TextCorpusArrays
{
    extension(TextCorpus corpus)
    {
        public int[] Tokens => corpus.ToArrays().Tokens;
        public int[] SentenceEnds => corpus.ToArrays().SentenceEnds;
    }
}
