using System.Text.RegularExpressions;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>System.CommandLine's parse errors in the words of the other errors: a value of the wrong type is named
/// with what was expected, not with a .NET type ("System.Nullable`1[System.Int32]").</summary>
public static partial class ParseErrors
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.", RegexOptions.Singleline)]
    private static partial Regex WrongType();

    public static string Plain(string message)
    {
        var m = WrongType().Match(message);
        if (!m.Success) return message;
        var type = m.Groups["type"].Value;
        if (type.StartsWith("System.Nullable`1[", StringComparison.Ordinal)) type = type["System.Nullable`1[".Length..^1];
        var expected = type switch
        {
            "System.Int32" => $"a whole number (of at most {int.MaxValue:N0})",
            "System.Int64" => "a whole number",
            "System.Double" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            _ when Enum(type) is { } e => "one of " + string.Join(", ", System.Enum.GetNames(e)),
            _ => "a value of another kind",
        };
        return $"{m.Groups["name"].Value} = '{m.Groups["value"].Value}': expected {expected}.";
    }

    /// <summary>The enum type of that name among the loaded assemblies' (an option's choices), or null.</summary>
    private static Type? Enum(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is { IsEnum: true });
}
