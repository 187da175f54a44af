using System.Text.Json.Serialization;
using System.Text.Json;

namespace Word2Vec.Torch.Evaluation;

/// <summary>The results as JSON (System.Text.Json; camelCase, enums as strings, NaN as "NaN").</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(EvaluationResults results) => JsonSerializer.Serialize(results, Options);
}
