using System.Runtime.InteropServices;
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
            return Fail(stderr, "error", Plain(e), BadInput);
        }
    }

    /// <summary>The message without what .NET adds to an argument's (" (Parameter 'kind')", "Actual value was …"):
    /// the message names the key or value itself.</summary>
    private static string Plain(Exception e)
    {
        if (e is not ArgumentException { ParamName: { } name }) return e.Message;
        var message = e.Message.Replace($" (Parameter '{name}')", "");
        var actual = message.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
        return actual >= 0 ? message[..actual] : message;
    }

    private static int Fail(TextWriter stderr, string what, string message, int code)
    {
        stderr.WriteLine($"w2v: {what}: {message}");
        return code;
    }
}
