using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Configuration;

/// <summary>
/// Reads a JSON config (Microsoft.Extensions.Configuration.Json), applies command-line
/// overrides ("training.steps=2000" or "training:steps=2000"), checks every key against
/// <see cref="TrainingOptions"/> (unknown keys and unconvertible values are errors that name the
/// file, key and value), binds, and validates ranges.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Keys of earlier versions, and what replaced them (a config that still has one is refused, naming it).</summary>
    private static readonly Dictionary<string, string> Replaced = new(StringComparer.OrdinalIgnoreCase)
    {
        ["training:learningRate"] = "schedule.learningRate",
        ["training:schedule"] = "schedule.type",
        ["training:annealEvery"] = "schedule.annealEvery",
        ["training:annealFactor"] = "schedule.annealFactor",
        ["training:minLearningRate"] = "schedule.minLearningRate",
        ["training:printEvery"] = "progress.printEvery",
        ["training:smoothing"] = "progress.smoothing",
        ["training:checkpointEvery"] = "checkpoints.every",
        ["training:resume"] = "checkpoints.resume",
        ["output:keepCheckpoints"] = "checkpoints.keep",
        ["training:gradients"] = "training.engine (tensor: the hand-derived gradients; tensorAutograd: autograd's)",
        ["training:pipeline"] = "training.engine (tensor: host batches; device: the device-resident pipeline)",
        ["training:cpuUpdate"] = "training.engine (cpu: sequential updates; cpuBatched: batched)",
    };

    /// <param name="warn">Told of each key the config sets that the other options make pointless (<see cref="KeysWithoutEffect"/>).</param>
    public static TrainingOptions Load(string path, IEnumerable<string>? overrides = null, Action<string>? warn = null)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ConfigurationException($"Config file '{path}' is a folder; give a JSON file (configs/ has examples).");
        if (InputFile.Problem(full) is { } problem) throw new ConfigurationException($"Config file '{path}' {problem}.");

        CheckText(path, full);
        var overrideMap = ParseOverrides(overrides ?? Array.Empty<string>());
        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder()
                .AddJsonFile(full, optional: false, reloadOnChange: false)
                .AddInMemoryCollection(overrideMap)
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or JsonException)
        {
            throw new ConfigurationException($"{path}: not valid JSON: {e.GetBaseException().Message}");   // the JSON reader's, with line and position
        }

        // Every value, and every null: a JSON null (or {}) has no children; the binder would make a value of it its
        // type's default (0, false) without a word.
        foreach (var (key, value) in root.AsEnumerable().Where(kv => kv.Value is not null || !root.GetSection(kv.Key).GetChildren().Any()))
        {
            var source = overrideMap.ContainsKey(key) ? "command line" : path;
            CheckKey(source, key, value);
        }

        var options = new TrainingOptions();
        try
        {
            root.Bind(options, b => b.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException($"{path}: {e.Message}");
        }

        // Each problem starts with its key; one the command line set is the command line's.
        var problems = OptionsValidator.Problems(options)
            .Select(p => overrideMap.ContainsKey(p[..Math.Max(0, p.IndexOf(" = ", StringComparison.Ordinal))].Replace('.', ':')) ? $"command line (--set): {p}" : p)
            .ToList();
        if (problems.Count > 0)
            throw new ConfigurationException(problems.All(p => p.StartsWith("command line", StringComparison.Ordinal))
                ? string.Join(Environment.NewLine + "  ", problems)
                : $"{path}: " + string.Join(Environment.NewLine + "  ", problems));
        if (warn is not null)
            foreach (var (key, why) in KeysWithoutEffect.Of(options))
                if (root[key.Replace('.', ':')] is not null)
                    warn($"{(overrideMap.ContainsKey(key.Replace('.', ':')) ? "command line (--set)" : path)}: {key} has no effect here: {why}.");
        return options;
    }

    /// <summary>"a.b=c" or "a:b=c" → ("a:b", "c").</summary>
    public static Dictionary<string, string?> ParseOverrides(IEnumerable<string> overrides)
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var o in overrides)
        {
            var eq = o.IndexOf('=');
            if (eq <= 0) throw new ConfigurationException($"command line: override '{o}' is not of the form key=value (e.g. training.steps=2000).");
            map[o[..eq].Trim().Replace('.', ':')] = o[(eq + 1)..].Trim();
        }
        return map;
    }

    /// <summary>
    /// What the JSON provider lets pass silently: a config is UTF-8 (a byte-order mark may say UTF-16; other bytes
    /// would be read as U+FFFD), and no object names a key twice (the provider merges a repeated section,
    /// {"model": {…}, "model": {…}}, and the keys ignore case). Malformed JSON is left to the provider's message.
    /// </summary>
    private static void CheckText(string path, string full)
    {
        var bytes = File.ReadAllBytes(full);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return;
        if (StrictUtf8.FirstInvalidByte(bytes) is var bad and >= 0)
            throw new ConfigurationException($"{path}: not UTF-8 (byte {bad} is not part of a UTF-8 character); save the config as UTF-8.");
        var json = new Utf8JsonReader(bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0),
            new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var objects = new Stack<(string Path, HashSet<string> Keys)>();
        var key = "";
        try
        {
            while (json.Read())
            {
                switch (json.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push((objects.Count == 0 ? "" : objects.Peek().Path + key + ".", new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
                        break;
                    case JsonTokenType.EndObject:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        key = json.GetString()!;
                        if (!objects.Peek().Keys.Add(key))
                            throw new ConfigurationException(
                                $"{path}: the key '{objects.Peek().Path}{key}' is given twice (keys ignore case); give each key once.");
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // the provider says where
        }
    }

    /// <summary>Walks a key ("training:steps") down the options types; throws for an unknown key, a value of the wrong
    /// type, or a null where a value belongs (a null or empty section keeps its defaults).</summary>
    private static void CheckKey(string source, string key, string? value)
    {
        if (Replaced.TryGetValue(key, out var replacement))
            throw new ConfigurationException(
                $"{source}: the key '{key.Replace(':', '.')}' (= \"{value}\") is gone; it was replaced by {replacement}. See configs/ for the current layout.");
        var type = typeof(TrainingOptions);
        PropertyInfo? leaf = null;
        var parts = key.Split(':');
        var dotted = key.Replace(':', '.');
        for (var i = 0; i < parts.Length; i++)
        {
            var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
            var prop = props.FirstOrDefault(p => string.Equals(p.Name, parts[i], StringComparison.OrdinalIgnoreCase));
            if (prop is null)
            {
                // A near spelling in this section, else the same name in another place ("training.threads": threads).
                var hint = Closest(parts[i], props.Select(p => Camel(p.Name))) is { } near ? $" Did you mean '{near}'?"
                    : KeysNamed(parts[i]).FirstOrDefault() is { } elsewhere
                        ? $" Did you mean '{elsewhere}'{(elsewhere.Contains('.') ? "" : " (a top-level key)")}?"
                        : "";
                var where = i == 0 ? "at the top level" : $"in section '{string.Join(".", parts[..i])}'";
                // "model.dimension" as one JSON name: the README's spelling of a key, not JSON's.
                var nested = parts[i].Contains('.')
                    ? $" Write it nested: {{ \"{parts[i][..parts[i].IndexOf('.')]}\": {{ \"{parts[i][(parts[i].IndexOf('.') + 1)..]}\": … }} }}."
                    : "";
                throw new ConfigurationException(
                    $"{source}: unknown key '{dotted}' {where}." + hint + nested +
                    $" Known keys there: {string.Join(", ", props.Select(p => Camel(p.Name)))}.");
            }
            type = prop.PropertyType;
            leaf = prop;
            if (i < parts.Length - 1 && IsLeaf(type))
                throw new ConfigurationException($"{source}: '{string.Join(".", parts[..(i + 1)])}' is a value, not a section (key '{dotted}').");
        }

        if (!IsLeaf(type))
        {
            if (value is null) return;   // null or {}: the section's defaults
            throw new ConfigurationException($"{source}: '{dotted}' is a section and needs an object, not the value '{value}'.");
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null && new NullabilityInfoContext().Create(leaf!).WriteState == NullabilityState.Nullable)
            return;   // a key whose null means "the default place" (corpus.dataDir, corpus.cacheDir)
        if (value is null)
            throw new ConfigurationException($"{source}: {dotted} = null is not valid: give it {Expected(target)}, or leave the key out for its default.");
        if (target == typeof(string)) return;
        var ok = target.IsEnum
            ? Enum.GetNames(target).Any(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase))
            : TryConvert(target, value);
        if (!ok) throw new ConfigurationException($"{source}: {dotted} = \"{value}\" is not valid: expected {Expected(target)}.");
    }

    private static string Expected(Type target) =>
        target.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(target).Select(Camel))
        : target == typeof(string) ? "a string"
        : target == typeof(bool) ? "true or false"
        : target == typeof(int) || target == typeof(long) ? $"a whole decimal number ({target.Name})"
        : $"a finite decimal number ({target.Name})";

    /// <summary>
    /// Plain decimal numbers only (an optional sign, digits, for reals a point and an exponent), finite;
    /// "0x10", "1,000", "NaN" and "Infinity" are refused, though the binder's converters would take some.
    /// </summary>
    private static bool TryConvert(Type target, string value)
    {
        var text = value.Trim();
        if (target == typeof(bool)) return bool.TryParse(text, out _);
        if (target == typeof(double) || target == typeof(float) || target == typeof(decimal))
            return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                       CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) && (target != typeof(float) || float.IsFinite((float)real));
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return false;
        return target == typeof(long) || (target == typeof(int) && whole is >= int.MinValue and <= int.MaxValue);
    }

    private static bool IsLeaf(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        return u.IsPrimitive || u.IsEnum || u == typeof(string) || u == typeof(decimal);
    }

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Every key of the options whose last part is <paramref name="name"/> (ignoring case), dotted.</summary>
    private static IEnumerable<string> KeysNamed(string name, Type? type = null, string prefix = "")
    {
        foreach (var p in (type ?? typeof(TrainingOptions)).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + Camel(p.Name);
            if (IsLeaf(p.PropertyType))
            {
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) yield return key;
            }
            else
                foreach (var k in KeysNamed(name, p.PropertyType, key + ".")) yield return k;
        }
    }

    private static string? Closest(string word, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (c, d: Distance(word.ToLowerInvariant(), c.ToLowerInvariant()))).OrderBy(x => x.d).FirstOrDefault();
        return best.c is not null && best.d <= Math.Max(2, word.Length / 3) ? best.c : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
