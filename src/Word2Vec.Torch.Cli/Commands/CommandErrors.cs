using System.Runtime.InteropServices;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>Turns the expected failures of a command into a message and an exit code, never a stack trace.</summary>
internal static class CommandErrors
{
    public const int BadInput = 2;
    public const int Diverged = 3;
    public const int Interrupted = 130;

    public static int Run(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ConfigurationException e) { return Fail(stderr, "bad config", e.Message, BadInput); }
        catch (InvalidOptionsException e) { return Fail(stderr, "bad config", e.Message, BadInput); }
        catch (TrainingDivergedException e) { return Fail(stderr, "training diverged", e.Message, Diverged); }
        catch (OperationCanceledException e) { return Fail(stderr, "interrupted", e.Message, Interrupted); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or KeyNotFoundException
                                      or ArgumentException or FormatException or ExternalException or IOException or UnauthorizedAccessException
                                      or NonFiniteObjectiveException)
        {
            return Fail(stderr, "error", e.PlainMessage(), BadInput);
        }
    }

    private static int Fail(TextWriter stderr, string what, string message, int code)
    {
        stderr.WriteLine($"w2v: {what}: {message}");
        return code;
    }
}
