namespace Word2Vec.Torch.Sampling;

/// <summary>Draws word ids from a fixed distribution (the negative-sampling noise distribution).</summary>
public interface IWordSampler
{
    /// <summary>One word id, drawn with <paramref name="rng"/>.</summary>
    int Sample(RandomSource rng);
}
