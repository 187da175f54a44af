using System.CommandLine;
using Word2Vec.Torch.Cli.Commands;

namespace Word2Vec.Torch.Cli;

/// <summary>w2v: train word vectors from a JSON config, check gradients, evaluate vectors.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            Word2Vec.Torch.Backend.LocalLibTorch.LoadFromEnvironment();   // before the first torch call
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or DllNotFoundException or BadImageFormatException)
        {
            Console.Error.WriteLine($"w2v: {e.Message}");
            return 2;
        }
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>Parses and runs a command line; its exit code. One that does not parse (an unknown option, a value
    /// of the wrong type) is bad input, exit 2, as every command's bad input is.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = BuildCommand(stdout, stderr).Parse(args);
        if (parse.Errors.Count == 0 || args.Length == 0)   // no command at all: the usage, as System.CommandLine gives it
        {
            var code = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return parse.Errors.Count > 0 ? CommandErrors.BadInput : code;
        }
        // A line an error, as every command's bad input is, and where the usage is (not all of it, with .NET's type names).
        foreach (var error in parse.Errors) stderr.WriteLine($"w2v: error: {ParseErrors.Plain(error.Message)}");
        var command = parse.CommandResult.Command;
        stderr.WriteLine($"w2v: see 'w2v {(command is RootCommand ? "" : command.Name + " ")}--help'.");
        return CommandErrors.BadInput;
    }

    public static RootCommand BuildCommand(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Word2Vec.Torch: word2vec with TorchSharp tensors and hand-derived gradients.");
        root.Subcommands.Add(TrainCommand.Create(stdout, stderr));
        root.Subcommands.Add(GradcheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(EvalCommand.Create(stdout, stderr));
        root.Subcommands.Add(NeighboursCommand.Create(stdout, stderr));
        root.Subcommands.Add(AnalogyCommand.Create(stdout, stderr));
        root.Subcommands.Add(SpeedCommand.Create(stdout, stderr));
        root.Subcommands.Add(PhrasesCommand.Create(stdout, stderr));
        return root;
    }
}
