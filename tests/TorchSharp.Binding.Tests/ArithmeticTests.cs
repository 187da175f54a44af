using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class ArithmeticTests
{
    private static Tensor V() => tensor(new float[] { 1, 2, 4 });

    // ------------------------------------------------------------------ methods

    [Fact]
    public void AddAndSubWithAlpha()
    {
        using var a = V();
        using var b = tensor(new float[] { 10, 20, 30 });
        using var s1 = a.add(b);
        using var s2 = a.add(b, 2);
        using var s3 = a.add(1);
        using var s4 = a.add(1, 3);
        Assert.Equal(new float[] { 11, 22, 34 }, F(s1));
        Assert.Equal(new float[] { 21, 42, 64 }, F(s2));
        Assert.Equal(new float[] { 2, 3, 5 }, F(s3));
        Assert.Equal(new float[] { 4, 5, 7 }, F(s4));
        using var d1 = b.sub(a);
        using var d2 = b.sub(a, 2);
        using var d3 = a.sub(1);
        using var d4 = a.sub(1, 0.5);
        Assert.Equal(new float[] { 9, 18, 26 }, F(d1));
        Assert.Equal(new float[] { 8, 16, 22 }, F(d2));
        Assert.Equal(new float[] { 0, 1, 3 }, F(d3));
        Assert.Equal(new float[] { 0.5f, 1.5f, 3.5f }, F(d4));
        Assert.Equal(new float[] { 1, 2, 4 }, F(a)); // out of place
    }

    [Fact]
    public void InPlaceAddAndSubReturnThis()
    {
        using var a = V();
        using var b = tensor(new float[] { 1, 1, 1 });
        Assert.Same(a, a.add_(b));
        Assert.Same(a, a.add_(b, 2));
        Assert.Same(a, a.add_(1));
        Assert.Same(a, a.add_(1, 2));
        Assert.Equal(new float[] { 7, 8, 10 }, F(a));
        Assert.Same(a, a.sub_(b));
        Assert.Same(a, a.sub_(b, 2));
        Assert.Same(a, a.sub_(1));
        Assert.Same(a, a.sub_(1, 2));
        Assert.Equal(new float[] { 1, 2, 4 }, F(a));
    }

    [Fact]
    public void MulDivAndInPlaceForms()
    {
        using var a = V();
        using var b = tensor(new float[] { 2, 4, 8 });
        using var m1 = a.mul(b);
        using var m2 = a.mul(3);
        using var q1 = b.div(a);
        using var q2 = a.div(2);
        Assert.Equal(new float[] { 2, 8, 32 }, F(m1));
        Assert.Equal(new float[] { 3, 6, 12 }, F(m2));
        Assert.Equal(new float[] { 2, 2, 2 }, F(q1));
        Assert.Equal(new float[] { 0.5f, 1, 2 }, F(q2));
        Assert.Same(a, a.mul_(b));
        Assert.Same(a, a.mul_(0.5));
        Assert.Equal(new float[] { 1, 4, 16 }, F(a));
        Assert.Same(a, a.div_(b));
        Assert.Same(a, a.div_(0.5));
        Assert.Equal(new float[] { 1, 2, 4 }, F(a));
    }

    [Fact]
    public void IntegerDivisionIsTrueDivision()
    {
        using var a = tensor(new long[] { 1, 2, 5 });
        using var q = a.div(2);
        Assert.Equal(ScalarType.Float32, q.dtype);
        Assert.Equal(new[] { 0.5f, 1f, 2.5f }, F(q));
    }

    [Fact]
    public void PowRemainderMaximumMinimum()
    {
        using var a = V();
        using var e = tensor(new float[] { 3, 2, 0.5f });
        using var p1 = a.pow(e);
        using var p2 = a.pow(2);
        Close(new float[] { 1, 4, 2 }, F(p1));
        Assert.Equal(new float[] { 1, 4, 16 }, F(p2));

        using var n = tensor(new float[] { -3, 5, 7 });
        using var r1 = n.remainder(2);
        using var r2 = n.remainder(tensor(new float[] { 2, 3, -4 }));
        Assert.Equal(new float[] { 1, 1, 1 }, F(r1)); // Python's sign convention: -3 mod 2 = 1
        Assert.Equal(new float[] { 1, 2, -1 }, F(r2));

        using var b = tensor(new float[] { 3, 0, 4 });
        using var mx = a.maximum(b);
        using var mn = a.minimum(b);
        using var mx2 = maximum(a, b);
        using var mn2 = minimum(a, b);
        Assert.Equal(new float[] { 3, 2, 4 }, F(mx));
        Assert.Equal(new float[] { 1, 0, 4 }, F(mn));
        Assert.Equal(F(mx), F(mx2));
        Assert.Equal(F(mn), F(mn2));
    }

    // ------------------------------------------------------------------ pointwise

    [Fact]
    public void UnaryOps()
    {
        using var x = tensor(new double[] { -2, -0.5, 0, 0.5, 2 });
        using var pos = tensor(new double[] { 0.25, 1, 4 });
        var xs = D(x);
        Close(xs.Select(v => -v).ToArray(), D(x.neg()));
        Close(xs.Select(Math.Exp).ToArray(), D(x.exp()));
        Close(xs.Select(Math.Abs).ToArray(), D(x.abs()));
        Close(xs.Select(Math.Tanh).ToArray(), D(x.tanh()));
        Close(xs.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), D(x.sigmoid()));
        Close(xs.Select(v => Math.Max(v, 0)).ToArray(), D(x.relu()));
        Close(xs.Select(v => (double)Math.Sign(v)).ToArray(), D(x.sign()));
        Close(xs.Select(Math.Floor).ToArray(), D(x.floor()));
        Close(xs.Select(v => v * v).ToArray(), D(x.square()));
        Close(new[] { Math.Log(0.25), 0, Math.Log(4) }, D(pos.log()));
        Close(new[] { Math.Log(1.25), Math.Log(2), Math.Log(5) }, D(pos.log1p()));
        Close(new[] { 0.5, 1, 2 }, D(pos.sqrt()));
        Close(new[] { 2, 1, 0.5 }, D(pos.rsqrt()));
    }

    [Fact]
    public void StaticUnaryForms()
    {
        using var x = tensor(new float[] { -1, 0, 4 });
        Assert.Equal(F(x.sigmoid()), F(sigmoid(x)));
        Assert.Equal(F(x.exp()), F(exp(x)));
        Assert.Equal(new float[] { 1, 0, -4 }, F(neg(x)));
        Assert.Equal(new float[] { 1, 0, 4 }, F(abs(x)));
        Assert.Equal(new float[] { 0, 0, 4 }, F(relu(x)));
        Assert.Equal(F(x.tanh()), F(tanh(x)));
        using var p = tensor(new float[] { 1, 4 });
        Assert.Equal(new float[] { 0, MathF.Log(4) }, F(log(p)));
        Assert.Equal(new float[] { 1, 2 }, F(sqrt(p)));
    }

    [Fact]
    public void InPlaceUnaryOpsReturnThis()
    {
        using var x = tensor(new float[] { -1, 4 });
        Assert.Same(x, x.neg_());
        Assert.Equal(new float[] { 1, -4 }, F(x));
        Assert.Same(x, x.abs_());
        Assert.Equal(new float[] { 1, 4 }, F(x));
        Assert.Same(x, x.sqrt_());
        Assert.Equal(new float[] { 1, 2 }, F(x));
        Assert.Same(x, x.log_());
        Close(new[] { 0f, MathF.Log(2) }, F(x));
        Assert.Same(x, x.exp_());
        Close(new[] { 1f, 2f }, F(x));
        Assert.Same(x, x.sub_(1.5).relu_());
        Close(new float[] { 0, 0.5f }, F(x));
        Assert.Same(x, x.tanh_());
        Close(new[] { 0f, MathF.Tanh(0.5f) }, F(x));
        using var y = tensor(new float[] { 0 });
        Assert.Same(y, y.sigmoid_());
        Assert.Equal(0.5f, y.item<float>());
    }

    [Fact]
    public void LogSigmoidIsStableForLargeInputs()
    {
        using var x = tensor(new float[] { -1000, 0, 1000 });
        var v = F(x.log_sigmoid());
        Assert.All(v, e => Assert.True(float.IsFinite(e)));
        Assert.Equal(-1000f, v[0]);
        Assert.Equal(-MathF.Log(2), v[1], 6);
        Assert.Equal(0f, v[2]);
        using var d = tensor(new double[] { -1000 });
        Assert.Equal(-1000.0, d.log_sigmoid().item<double>());
    }

    [Fact]
    public void PredicatesAndLogicalOps()
    {
        using var x = tensor(new[] { 1f, float.NaN, float.PositiveInfinity });
        Assert.Equal(new[] { false, true, false }, B(x.isnan()));
        Assert.Equal(new[] { true, false, false }, B(x.isfinite()));
        using var a = tensor(new[] { true, true, false, false });
        using var b = tensor(new[] { true, false, true, false });
        Assert.Equal(new[] { false, false, true, true }, B(a.logical_not()));
        Assert.Equal(new[] { true, false, false, false }, B(a.logical_and(b)));
        Assert.Equal(new[] { true, true, true, false }, B(a.logical_or(b)));
        using var n = tensor(new float[] { 0, 2 });
        Assert.Equal(new[] { true, false }, B(n.logical_not())); // any dtype: zero is false
    }

    [Fact]
    public void ClampForms()
    {
        using var x = tensor(new float[] { -2, 0.5f, 3 });
        Assert.Equal(new[] { 0f, 0.5f, 1f }, F(x.clamp(0, 1)));
        Assert.Equal(new[] { 0f, 0.5f, 3f }, F(x.clamp(min: 0)));
        Assert.Equal(new[] { -2f, 0.5f, 1f }, F(x.clamp(max: 1)));
        var e = Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => x.clamp());
        Assert.Contains("At least one of 'min' or 'max'", e.Message);
        Assert.Equal(new[] { -1f, 0.5f, 3f }, F(x.clamp_min(-1)));
        Assert.Equal(new[] { -2f, 0.5f, 2f }, F(x.clamp_max(2.0)));
        Assert.Equal(new[] { -1f, 0.5f, 1f }, F(clamp(x, -1, 1)));
        using var i = tensor(new long[] { -5, 5 });
        using var ic = i.clamp(-1, 1);
        Assert.Equal(ScalarType.Int64, ic.dtype);
        Assert.Equal(new long[] { -1, 1 }, L(ic));
    }

    [Fact]
    public void MaskedFillAndWhere()
    {
        using var x = tensor(new float[] { 1, 2, 3 });
        using var mask = tensor(new[] { true, false, true });
        Assert.Equal(new float[] { -1, 2, -1 }, F(x.masked_fill(mask, -1)));
        Assert.Equal(new float[] { 1, 2, 3 }, F(x));
        using var y = tensor(new float[] { 10, 20, 30 });
        Assert.Equal(new float[] { 1, 20, 3 }, F(where(mask, x, y)));
    }

    // ------------------------------------------------------------------ comparisons

    [Fact]
    public void ComparisonMethodsReturnBoolTensors()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = tensor(new float[] { 3, 2, 1 });
        foreach (var t in new[] { a.eq(b), a.ne(b), a.lt(b), a.le(b), a.gt(b), a.ge(b), a.eq(2), a.lt(2) })
            Assert.Equal(ScalarType.Bool, t.dtype);
        Assert.Equal(new[] { false, true, false }, B(a.eq(b)));
        Assert.Equal(new[] { true, false, true }, B(a.ne(b)));
        Assert.Equal(new[] { true, false, false }, B(a.lt(b)));
        Assert.Equal(new[] { true, true, false }, B(a.le(b)));
        Assert.Equal(new[] { false, false, true }, B(a.gt(b)));
        Assert.Equal(new[] { false, true, true }, B(a.ge(b)));
        Assert.Equal(new[] { false, true, false }, B(a.eq(2)));
        Assert.Equal(new[] { true, false, true }, B(a.ne(2)));
        Assert.Equal(new[] { true, false, false }, B(a.lt(2)));
        Assert.Equal(new[] { true, true, false }, B(a.le(2)));
        Assert.Equal(new[] { false, false, true }, B(a.gt(2)));
        Assert.Equal(new[] { false, true, true }, B(a.ge(2)));
        Assert.Equal(new[] { false, true, false }, B(a.equal(b))); // elementwise, as TorchSharp
    }

    [Fact]
    public void ComparisonOperatorsReturnBoolTensorsOnEitherSide()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = tensor(new float[] { 3, 2, 1 });
        Assert.Equal(new[] { false, true, false }, B(a == b));
        Assert.Equal(new[] { true, false, true }, B(a != b));
        Assert.Equal(new[] { true, false, false }, B(a < b));
        Assert.Equal(new[] { true, true, false }, B(a <= b));
        Assert.Equal(new[] { false, false, true }, B(a > b));
        Assert.Equal(new[] { false, true, true }, B(a >= b));

        Assert.Equal(new[] { false, true, false }, B(a == 2));
        Assert.Equal(new[] { false, true, false }, B(2 == a));
        Assert.Equal(new[] { true, false, true }, B(a != 2.0));
        Assert.Equal(new[] { true, false, true }, B(2.0 != a));
        Assert.Equal(new[] { true, false, false }, B(a < 2));
        Assert.Equal(new[] { false, false, true }, B(2 < a));
        Assert.Equal(new[] { true, true, false }, B(a <= 2));
        Assert.Equal(new[] { false, true, true }, B(2 <= a));
        Assert.Equal(new[] { false, false, true }, B(a > 2));
        Assert.Equal(new[] { true, false, false }, B(2 > a));
        Assert.Equal(new[] { false, true, true }, B(a >= 2));
        Assert.Equal(new[] { true, true, false }, B(2 >= a));
        Scalar two = 2;
        Assert.Equal(new[] { false, true, false }, B(a == two));
        Assert.Equal(new[] { false, true, false }, B(two == a));
        Assert.Equal(ScalarType.Bool, (a > 1L).dtype);
        Assert.False(a is null);
    }

    [Fact]
    public void Allclose()
    {
        using var a = tensor(new double[] { 1, 2 });
        using var b = tensor(new double[] { 1 + 1e-9, 2 });
        using var c = tensor(new double[] { 1.1, 2 });
        Assert.True(a.allclose(b));
        Assert.False(a.allclose(c));
        Assert.True(a.allclose(c, rtol: 0, atol: 0.2));
        using var n = tensor(new[] { double.NaN });
        Assert.False(n.allclose(n));
        Assert.True(n.allclose(n, equal_nan: true));
    }

    // ------------------------------------------------------------------ operators (Tensor, Scalar, primitives)

    [Fact]
    public void AdditionOperatorsOnBothSides()
    {
        using var t = V();
        var expected = new float[] { 2, 3, 5 };
        Assert.Equal(new float[] { 2, 4, 8 }, F(t + t));
        Assert.Equal(expected, F(t + (Scalar)1));
        Assert.Equal(expected, F((Scalar)1 + t));
        Assert.Equal(expected, F(t + 1));
        Assert.Equal(expected, F(1 + t));
        Assert.Equal(expected, F(t + 1L));
        Assert.Equal(expected, F(1L + t));
        Assert.Equal(expected, F(t + 1f));
        Assert.Equal(expected, F(1f + t));
        Assert.Equal(expected, F(t + 1.0));
        Assert.Equal(expected, F(1.0 + t));
    }

    [Fact]
    public void SubtractionOperatorsOnBothSides()
    {
        using var t = V();
        var right = new float[] { -1, 0, 2 };   // t - 2
        var left = new float[] { 1, 0, -2 };    // 2 - t
        Assert.Equal(new float[] { 0, 0, 0 }, F(t - t));
        Assert.Equal(right, F(t - (Scalar)2));
        Assert.Equal(left, F((Scalar)2 - t));
        Assert.Equal(right, F(t - 2));
        Assert.Equal(left, F(2 - t));
        Assert.Equal(right, F(t - 2L));
        Assert.Equal(left, F(2L - t));
        Assert.Equal(right, F(t - 2f));
        Assert.Equal(left, F(2f - t));
        Assert.Equal(right, F(t - 2.0));
        Assert.Equal(left, F(2.0 - t));
        using var r = 2.0 - t;
        Assert.Equal(ScalarType.Float32, r.dtype);
        Assert.Equal(new float[] { -1, -2, -4 }, F(-t));
    }

    [Fact]
    public void MultiplicationOperatorsOnBothSides()
    {
        using var t = V();
        var expected = new float[] { 3, 6, 12 };
        Assert.Equal(new float[] { 1, 4, 16 }, F(t * t));
        Assert.Equal(expected, F(t * (Scalar)3));
        Assert.Equal(expected, F((Scalar)3 * t));
        Assert.Equal(expected, F(t * 3));
        Assert.Equal(expected, F(3 * t));
        Assert.Equal(expected, F(t * 3L));
        Assert.Equal(expected, F(3L * t));
        Assert.Equal(expected, F(t * 3f));
        Assert.Equal(expected, F(3f * t));
        Assert.Equal(expected, F(t * 3.0));
        Assert.Equal(expected, F(3.0 * t));
        Assert.Equal(ScalarType.Float32, (t * 2.0).dtype);
    }

    [Fact]
    public void DivisionOperatorsOnBothSides()
    {
        using var t = V();
        var right = new float[] { 0.5f, 1, 2 };     // t / 2
        var left = new float[] { 1, 0.5f, 0.25f };  // 1 / t
        Assert.Equal(new float[] { 1, 1, 1 }, F(t / t));
        Assert.Equal(right, F(t / (Scalar)2));
        Assert.Equal(left, F((Scalar)1 / t));
        Assert.Equal(right, F(t / 2));
        Assert.Equal(left, F(1 / t));
        Assert.Equal(right, F(t / 2L));
        Assert.Equal(left, F(1L / t));
        Assert.Equal(right, F(t / 2f));
        Assert.Equal(left, F(1f / t));
        Assert.Equal(right, F(t / 2.0));
        Assert.Equal(left, F(1.0 / t));
        Assert.Equal(new float[] { 3, 1.5f, 0.75f }, F(3.0 / t));
    }

    [Fact]
    public void ScalarOnTheLeftKeepsTheTensorsDtypeEvenForZeroDimensionalTensors()
    {
        using var s = tensor(4f);
        using var q = 1.0 / s;
        Assert.Equal(ScalarType.Float32, q.dtype);
        Assert.Equal(0.25f, q.item<float>());
        using var d = 2.0 - s;
        Assert.Equal(ScalarType.Float32, d.dtype);
        Assert.Equal(-2f, d.item<float>());
        using var i = tensor(new long[] { 2, 4 });
        using var qi = 1 / i;
        Assert.Equal(ScalarType.Float32, qi.dtype);
        Assert.Equal(new[] { 0.5f, 0.25f }, F(qi));
    }

    [Fact]
    public void OperatorsAreDifferentiable()
    {
        using var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        using var y = (2.0 - x) * (1.0 / x) + x / 2 - 3 * x;
        var g = autograd.grad(new[] { y.sum() }, new[] { x })[0];
        // y = 2/x - 1 + x/2 - 3x, dy/dx = -2/x^2 + 1/2 - 3
        Close(new[] { -2 + 0.5 - 3, -0.5 + 0.5 - 3 }, D(g));
    }

    // ------------------------------------------------------------------ linear algebra

    [Fact]
    public void MatrixProducts()
    {
        using var a = M(new float[] { 1, 2 }, new float[] { 3, 4 });   // 2x2
        using var b = M(new float[] { 5, 6, 7 }, new float[] { 8, 9, 10 }); // 2x3
        var expected = new float[] { 21, 24, 27, 47, 54, 61 };
        using var p1 = a.mm(b);
        Assert.Equal(new long[] { 2, 3 }, p1.shape);
        Assert.Equal(expected, F(p1));
        Assert.Equal(expected, F(a.matmul(b)));
        Assert.Equal(expected, F(mm(a, b)));
        Assert.Equal(expected, F(matmul(a, b)));

        using var v = tensor(new float[] { 1, -1 });
        Assert.Equal(new float[] { -1, -1 }, F(a.mv(v)));
        Assert.Equal(new float[] { -1, -1 }, F(a.matmul(v)));
        using var w = tensor(new float[] { 2, 3 });
        Assert.Equal(-1f, v.dot(w).item<float>());
        Assert.Equal(new float[] { 2, 3, -2, -3 }, F(v.outer(w)));
        using var at = a.t();
        Assert.Equal(new float[] { 1, 3, 2, 4 }, F(at));

        using var ba = stack(new[] { a, a });
        using var bb = stack(new[] { b, b });
        using var bp = ba.bmm(bb);
        Assert.Equal(new long[] { 2, 2, 3 }, bp.shape);
        Assert.Equal(expected.Concat(expected).ToArray(), F(bp));
        Assert.Equal(F(bp), F(bmm(ba, bb)));
    }

    [Fact]
    public void MatmulInFloat64IsExact()
    {
        using var a = MD(new[] { 0.1, 0.2 }, new[] { 0.3, 0.4 });
        using var b = MD(new[] { 1.0 }, new[] { 2.0 });
        Assert.Equal(new[] { 0.1 * 1 + 0.2 * 2, 0.3 * 1 + 0.4 * 2 }, D(a.mm(b)));
    }

    // ------------------------------------------------------------------ fills, copies, casts

    [Fact]
    public void FillsCopiesAndClones()
    {
        using var x = V();
        using var c = x.clone();
        Assert.Same(x, x.fill_(7));
        Assert.Equal(new float[] { 7, 7, 7 }, F(x));
        Assert.Equal(new float[] { 1, 2, 4 }, F(c)); // the clone is independent
        Assert.Same(x, x.zero_());
        Assert.Equal(new float[] { 0, 0, 0 }, F(x));
        using var d = tensor(new double[] { 1.5, 2.5, 3.5 });
        Assert.Same(x, x.copy_(d)); // converts the dtype
        Assert.Equal(ScalarType.Float32, x.dtype);
        Assert.Equal(new[] { 1.5f, 2.5f, 3.5f }, F(x));
        using var s = tensor(9f);
        x.copy_(s, nonBlocking: false); // broadcasts
        Assert.Equal(new float[] { 9, 9, 9 }, F(x));
    }

    [Fact]
    public void ContiguousCopiesATransposedTensor()
    {
        using var a = M(new float[] { 1, 2, 3 }, new float[] { 4, 5, 6 });
        using var t = a.t();
        Assert.Equal(new long[] { 1, 3 }, t.stride());
        using var c = t.contiguous();
        Assert.Equal(new long[] { 2, 1 }, c.stride());
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, F(c));
    }

    [Fact]
    public void ExplicitCastsConvertTheSingleValue()
    {
        using var f = tensor(2.75f);
        using var d = tensor(2.75);
        using var l = tensor(-3L);
        using var i = tensor(5);
        using var b = tensor(true);
        Assert.Equal(2.75f, (float)f);
        Assert.Equal(2.75, (double)d);
        Assert.Equal(-3L, (long)l);
        Assert.Equal(5, (int)i);
        Assert.True((bool)b);
        // Like TorchSharp's (which go through ToScalar), the casts convert rather than check:
        Assert.Equal(2.75f, (float)d);
        Assert.Equal(2.75, (double)f);
        Assert.Equal(2L, (long)d);
        Assert.Equal(-3.0, (double)l);
        Assert.True((bool)f);
        using var zero = tensor(0.0);
        Assert.False((bool)zero);
        using var two = tensor(new float[] { 1, 2 });
        Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => (float)two);
    }
}
