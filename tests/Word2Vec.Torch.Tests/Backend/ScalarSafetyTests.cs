using System.Reflection.Emit;
using System.Reflection;
using TorchSharp;

namespace Word2Vec.Torch.Tests.Backend;

/// <summary>
/// TorchSharp 0.107.0 turns a number passed where it takes a <see cref="Scalar"/> into a temporary
/// Scalar, reads its native handle, and calls libtorch. Nothing keeps the temporary alive during the
/// call, so the GC may finalize it, and free the native scalar, while libtorch still reads it: we saw
/// index_add_ fail with "Expected false to be true" (c10::Scalar::toFloat on freed memory) once in
/// about 10^4 calls while another thread allocated. A Scalar the caller holds (<c>using var s =
/// x.ToScalar()</c>, or a static one) cannot be collected. So the project's assemblies make no implicit
/// Scalar conversion, and call no TorchSharp method that makes one inside (its operators with a number
/// operand, for example). This test reads their IL and lists every such call.
/// </summary>
public class ScalarSafetyTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The methods a method body calls (call, callvirt, newobj, ldftn, ldvirtftn). A body or a call
    /// that cannot be read is added to <paramref name="unread"/>: the scan says so rather than pass over it.</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method, ICollection<string> unread)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            unread.Add($"{method.DeclaringType?.FullName}.{method.Name}: body not readable ({e.GetType().Name}: {e.Message})");
            yield break;
        }
        if (il is null) yield break;
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var value = (short)il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = OpCodesByValue[value];
            var size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, i);
                MethodBase? callee = null;
                try { callee = module.ResolveMethod(token, typeArgs, methodArgs); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
                {
                    unread.Add($"{method.DeclaringType?.FullName}.{method.Name}: call token 0x{token:x8} not resolved ({e.GetType().Name}: {e.Message})");
                }
                if (callee is not null) yield return callee;
            }
            i += size;
        }
    }

    private static bool IsImplicitScalar(MethodBase m) => m.DeclaringType == typeof(Scalar) && m.Name == "op_Implicit";

    /// <summary>A TorchSharp method that converts to a Scalar in its body, or in a TorchSharp method it calls,
    /// <paramref name="depth"/> calls deep at most. The memo is by method and depth (what a method reaches depends
    /// on how deep it may look), and the depth falls with each call, so a cycle of calls ends.</summary>
    private static bool ConvertsInside(MethodBase m, int depth, Scan scan)
    {
        if (m.Module.Assembly != typeof(Scalar).Assembly || depth == 0) return false;
        if (scan.Memo.TryGetValue((m, depth), out var known)) return known;
        return scan.Memo[(m, depth)] = Callees(m, scan.Unread).Any(c => IsImplicitScalar(c) || ConvertsInside(c, depth - 1, scan));
    }

    /// <summary>One scan's memo of <see cref="ConvertsInside"/>, and what it could not read.</summary>
    private sealed class Scan
    {
        public Dictionary<(MethodBase, int), bool> Memo { get; } = new();
        public HashSet<string> Unread { get; } = new();

        public void AssertAllRead() =>
            Assert.True(Unread.Count == 0, $"the scan could not read {Unread.Count} bodies or calls, so it cannot vouch for them:" +
                $"{Environment.NewLine}{string.Join(Environment.NewLine, Unread)}");
    }

    public static IEnumerable<object[]> Assemblies() => new[]
    {
        typeof(Word2Vec.Torch.Training.RunFactory).Assembly.GetName().Name!,
        typeof(Word2Vec.Torch.Cli.Program).Assembly.GetName().Name!,
        typeof(ScalarSafetyTests).Assembly.GetName().Name!,
    }.Select(a => new object[] { a });

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoTemporaryScalarReachesTorchSharp(string assemblyName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == assemblyName);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var scan = new Scan();
        var violations = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t != typeof(ScalarSafetyTests)))   // its examples break the rule on purpose
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                foreach (var callee in Callees(method, scan.Unread))
                {
                    if (IsImplicitScalar(callee))
                        violations.Add($"{type.FullName}.{method.Name}: implicit Scalar from {callee.GetParameters()[0].ParameterType.Name}");
                    else if (ConvertsInside(callee, depth: 3, scan))
                        violations.Add($"{type.FullName}.{method.Name}: calls {callee.DeclaringType?.Name}.{callee.Name}({string.Join(", ", callee.GetParameters().Select(p => p.ParameterType.Name))}), which makes a temporary Scalar");
                }
        var distinct = violations.Distinct().ToList();
        Assert.True(distinct.Count == 0, $"{distinct.Count} temporary Scalars:{Environment.NewLine}{string.Join(Environment.NewLine, distinct)}");
        scan.AssertAllRead();
    }

    [Fact]
    public void TheScanFindsAnImplicitScalarAndATorchSharpOperatorWithANumber()
    {
        var scan = new Scan();
        var implicitCall = typeof(ScalarSafetyTests).GetMethod(nameof(ImplicitExample), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Contains(Callees(implicitCall, scan.Unread), IsImplicitScalar);
        var operatorCall = typeof(ScalarSafetyTests).GetMethod(nameof(OperatorExample), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Contains(Callees(operatorCall, scan.Unread), c => ConvertsInside(c, 3, scan));
        var safeCall = typeof(ScalarSafetyTests).GetMethod(nameof(SafeExample), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.DoesNotContain(Callees(safeCall, scan.Unread), c => IsImplicitScalar(c) || ConvertsInside(c, 3, scan));
        scan.AssertAllRead();
    }

    private static torch.Tensor ImplicitExample(torch.Tensor t) => t.add(1.0);

    private static torch.Tensor OperatorExample(torch.Tensor t) => t * 2.0;

    private static torch.Tensor SafeExample(torch.Tensor t)
    {
        using var two = 2.0.ToScalar();
        return t.mul(two);
    }
}
