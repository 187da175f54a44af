using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace TorchSharp.Binding.Tests;

/// <summary>
/// The done-criterion for the binding is that its tests use each member it exposes. This test
/// keeps that true: every public method, property, field, constructor and nested type of the
/// binding assembly must be used by name somewhere in this test project (operators and
/// conversions, which have no name to look for, are exercised in ArithmeticTests/CreationTests).
/// A new public member without a test fails here.
/// </summary>
public class ApiCoverageTests
{
    private static string SourceDir([CallerFilePath] string path = "")
    {
        var dir = Path.GetDirectoryName(path)!;
        if (Directory.Exists(dir)) return dir;
        // A build with mapped source paths (/_/...): look up from the output folder instead.
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "TorchSharp.Binding.Tests");
            if (Directory.Exists(candidate)) return candidate;
        }
        return dir;
    }

    private static string TestSources()
    {
        var dir = SourceDir();
        Assert.True(Directory.Exists(dir), $"test sources not found at {dir}");
        return string.Concat(Directory.GetFiles(dir, "*.cs")
            .Where(f => Path.GetFileName(f) != "ApiCoverageTests.cs")
            .Select(File.ReadAllText));
    }

    /// <summary>(member description, regex that a use of it matches).</summary>
    private static IEnumerable<(string what, string pattern)> PublicMembers()
    {
        var asm = typeof(torch).Assembly;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in asm.GetExportedTypes())
        {
            var typeName = type.Name.Split('`')[0];
            if (type.IsNested) yield return ($"type {type.FullName}", $@"\b{typeName}\b");
            if (type.IsEnum)
            {
                foreach (var name in Enum.GetNames(type)) yield return ($"{typeName}.{name}", $@"\b{typeName}\.{name}\b");
                continue;
            }
            foreach (var m in type.GetMembers(flags))
            {
                var what = $"{type.FullName}.{m.Name}";
                switch (m)
                {
                    case ConstructorInfo c when !c.IsStatic:
                        yield return (what, $@"new {typeName}\s*\(|new\s*\(|\b{typeName}\s+\w+\s*=\s*new\b");
                        break;
                    case MethodInfo mi when mi.IsSpecialName: // accessors, operators, conversions
                        break;
                    case MethodInfo mi when mi.DeclaringType == typeof(object) || mi.Name is "Equals" or "GetHashCode" or "GetType":
                        break;
                    case MethodInfo mi:
                        yield return (what, $@"\b{Regex.Escape(mi.Name)}\s*[<(]");
                        break;
                    case PropertyInfo p when p.GetIndexParameters().Length > 0:
                        yield return (what, @"\w\[[^\]]+\]");
                        break;
                    case PropertyInfo p:
                        yield return (what, $@"\b{Regex.Escape(p.Name)}\b");
                        break;
                    case FieldInfo f:
                        yield return (what, $@"(@|\b){Regex.Escape(f.Name)}\b");
                        break;
                }
            }
        }
    }

    [Fact]
    public void EveryPublicMemberOfTheBindingIsUsedByTheTests()
    {
        var sources = TestSources();
        var members = PublicMembers().ToList();
        Assert.True(members.Count > 150, $"only {members.Count} members found");
        var missing = members.Where(m => !Regex.IsMatch(sources, m.pattern)).Select(m => m.what).Distinct().ToList();
        Assert.True(missing.Count == 0, "not used by any test: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheBindingExposesOnlyTorchSharpsNamespaces()
    {
        var namespaces = typeof(torch).Assembly.GetExportedTypes().Select(t => t.Namespace).Distinct().OrderBy(n => n).ToArray();
        // TorchSharp.Binding holds NativeTensors, the one diagnostic that is not TorchSharp's.
        Assert.Equal(new[] { "TorchSharp", "TorchSharp.Binding", "TorchSharp.Utils" }, namespaces);
        Assert.Equal(new[] { "NativeTensors" },
            typeof(torch).Assembly.GetExportedTypes().Where(t => t.Namespace == "TorchSharp.Binding").Select(t => t.Name).ToArray());
    }
}
