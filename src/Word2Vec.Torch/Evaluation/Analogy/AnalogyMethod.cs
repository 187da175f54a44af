namespace Word2Vec.Torch.Evaluation;

/// <summary>How an analogy a : b :: c : ? is answered (Levy &amp; Goldberg 2014).</summary>
public enum AnalogyMethod
{
    /// <summary>3CosAdd: argmax_x cos(x, b) − cos(x, a) + cos(x, c) (= cos(x, b − a + c) for unit vectors).</summary>
    CosAdd,

    /// <summary>
    /// 3CosMul: argmax_x s(x, b) · s(x, c) / (s(x, a) + ε), with cosines shifted to [0, 1] by
    /// s = (cos + 1) / 2 and ε = 0.001.
    /// </summary>
    CosMul,
}
