// Layers of this library, each knowing only those before it:
//   Math (losses, models) -> Data (vocabulary, corpora, sampling) -> Training -> Evaluation.
