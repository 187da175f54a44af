namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>How the cpu engine applies a batch: sequential = word2vec.c's per-example updates (fast; Hogwild over
/// threads); batched = every gradient of the batch at the old parameters, then applied (the tensor engine's step).</summary>
public enum CpuUpdate { Sequential, Batched }
