namespace Word2Vec.Torch.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("w2v: the command line is being built (issue 4).");
        return 2;
    }
}
