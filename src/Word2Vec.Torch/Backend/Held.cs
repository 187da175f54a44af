using TorchSharp;

namespace Word2Vec.Torch.Backend;

/// <summary>
/// Numbers for libtorch, held so that the GC cannot free them during the call that reads them.
/// TorchSharp 0.107.0 turns a number passed where it takes a <see cref="Scalar"/> (and the alpha = 1
/// that add(Tensor), add_(Tensor) and add(Scalar) pass on) into a temporary Scalar, reads its native
/// handle and calls libtorch; nothing keeps the temporary alive, so the GC may finalize it, freeing
/// the native scalar, while libtorch still reads it (index_add_ then failed with "Expected false to
/// be true": c10::Scalar::toFloat on freed memory, about once in 10^4 calls while another thread
/// allocated). So the project hands libtorch only Scalars it holds: these constants, for the life of
/// the process, and any other number as <c>using var s = value.ToScalar();</c> around the call.
/// ScalarSafetyTests read the project's IL for any other kind.
/// </summary>
internal static class Held
{
    // int Scalars, as TorchSharp's own defaults: they combine with integer and floating tensors alike.
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar MinusOne = (-1).ToScalar();
}
