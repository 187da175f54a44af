namespace Word2Vec.Torch.Backend;

/// <summary>What .NET appends to an argument exception's message, taken off again: the project's messages name the
/// key or value themselves, so " (Parameter 'kind')" and "Actual value was …" only repeat it in .NET's words.</summary>
internal static class ExceptionMessages
{
    /// <summary>The message of <paramref name="e"/>, without .NET's parameter and actual-value suffixes.</summary>
    public static string PlainMessage(this Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is not ArgumentException { ParamName: { } name }) return e.Message;
        var message = e.Message.Replace($" (Parameter '{name}')", "");
        var actual = message.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
        return actual >= 0 ? message[..actual] : message;
    }
}
