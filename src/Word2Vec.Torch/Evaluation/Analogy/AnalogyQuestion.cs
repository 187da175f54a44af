namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// One analogy question <c>a : b :: c : d</c> (predict d from b − a + c), as written in the file
/// (case kept), with its section and line.
/// </summary>
public sealed record AnalogyQuestion(string Section, string A, string B, string C, string D, int LineNumber);
