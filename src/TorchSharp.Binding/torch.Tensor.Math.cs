using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            private static readonly Scalar One = 1;

            private Tensor Unary(UnaryOp op) => From(tsh_unary(Handle, (int)op));

            private Tensor UnaryInPlace(UnaryOp op)
            {
                Check(tsh_unary_(Handle, (int)op));
                return this;
            }

            internal Tensor Binary(Tensor other, BinaryOp op, Scalar? alpha = null)
            {
                var a = alpha ?? One;
                return From(tsh_binary(Handle, other.Handle, (int)op, (int)a.kind, a.d, a.l));
            }

            internal Tensor Binary(Scalar other, BinaryOp op, Scalar? alpha = null)
            {
                var a = alpha ?? One;
                return From(tsh_binary_scalar(Handle, (int)other.kind, other.d, other.l, (int)op, (int)a.kind, a.d, a.l));
            }

            private Tensor BinaryInPlace(Tensor other, BinaryOp op, Scalar? alpha = null)
            {
                var a = alpha ?? One;
                Check(tsh_binary_(Handle, other.Handle, (int)op, (int)a.kind, a.d, a.l));
                return this;
            }

            private Tensor BinaryInPlace(Scalar other, BinaryOp op, Scalar? alpha = null)
            {
                var a = alpha ?? One;
                Check(tsh_binary_scalar_(Handle, (int)other.kind, other.d, other.l, (int)op, (int)a.kind, a.d, a.l));
                return this;
            }

            // ---------------------------------------------------------------- arithmetic

            public Tensor add(Tensor target) => Binary(target, BinaryOp.Add);
            public Tensor add(Tensor target, Scalar alpha) => Binary(target, BinaryOp.Add, alpha);
            public Tensor add(Scalar scalar) => Binary(scalar, BinaryOp.Add);
            public Tensor add(Scalar scalar, Scalar alpha) => Binary(scalar, BinaryOp.Add, alpha);
            public Tensor add_(Tensor target) => BinaryInPlace(target, BinaryOp.Add);
            public Tensor add_(Tensor target, Scalar alpha) => BinaryInPlace(target, BinaryOp.Add, alpha);
            public Tensor add_(Scalar scalar) => BinaryInPlace(scalar, BinaryOp.Add);
            public Tensor add_(Scalar scalar, Scalar alpha) => BinaryInPlace(scalar, BinaryOp.Add, alpha);

            public Tensor sub(Tensor target) => Binary(target, BinaryOp.Sub);
            public Tensor sub(Tensor target, Scalar alpha) => Binary(target, BinaryOp.Sub, alpha);
            public Tensor sub(Scalar scalar) => Binary(scalar, BinaryOp.Sub);
            public Tensor sub(Scalar scalar, Scalar alpha) => Binary(scalar, BinaryOp.Sub, alpha);
            public Tensor sub_(Tensor target) => BinaryInPlace(target, BinaryOp.Sub);
            public Tensor sub_(Tensor target, Scalar alpha) => BinaryInPlace(target, BinaryOp.Sub, alpha);
            public Tensor sub_(Scalar scalar) => BinaryInPlace(scalar, BinaryOp.Sub);
            public Tensor sub_(Scalar scalar, Scalar alpha) => BinaryInPlace(scalar, BinaryOp.Sub, alpha);

            public Tensor mul(Tensor target) => Binary(target, BinaryOp.Mul);
            public Tensor mul(Scalar target) => Binary(target, BinaryOp.Mul);
            public Tensor mul_(Tensor target) => BinaryInPlace(target, BinaryOp.Mul);
            public Tensor mul_(Scalar target) => BinaryInPlace(target, BinaryOp.Mul);

            public Tensor div(Tensor target) => Binary(target, BinaryOp.Div);
            public Tensor div(Scalar target) => Binary(target, BinaryOp.Div);
            public Tensor div_(Tensor target) => BinaryInPlace(target, BinaryOp.Div);
            public Tensor div_(Scalar target) => BinaryInPlace(target, BinaryOp.Div);

            public Tensor pow(Tensor exponent) => Binary(exponent, BinaryOp.Pow);
            public Tensor pow(Scalar exponent) => Binary(exponent, BinaryOp.Pow);

            public Tensor remainder(Tensor target) => Binary(target, BinaryOp.Remainder);
            public Tensor remainder(Scalar target) => Binary(target, BinaryOp.Remainder);

            public Tensor maximum(Tensor other) => Binary(other, BinaryOp.Maximum);
            public Tensor minimum(Tensor other) => Binary(other, BinaryOp.Minimum);

            // ---------------------------------------------------------------- pointwise

            public Tensor neg() => Unary(UnaryOp.Neg);
            public Tensor neg_() => UnaryInPlace(UnaryOp.Neg);
            public Tensor exp() => Unary(UnaryOp.Exp);
            public Tensor exp_() => UnaryInPlace(UnaryOp.Exp);
            public Tensor log() => Unary(UnaryOp.Log);
            public Tensor log_() => UnaryInPlace(UnaryOp.Log);
            public Tensor log1p() => Unary(UnaryOp.Log1p);
            public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);
            public Tensor sigmoid_() => UnaryInPlace(UnaryOp.Sigmoid);
            public Tensor log_sigmoid() => Unary(UnaryOp.LogSigmoid);
            public Tensor abs() => Unary(UnaryOp.Abs);
            public Tensor abs_() => UnaryInPlace(UnaryOp.Abs);
            public Tensor sqrt() => Unary(UnaryOp.Sqrt);
            public Tensor sqrt_() => UnaryInPlace(UnaryOp.Sqrt);
            public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);
            public Tensor square() => Unary(UnaryOp.Square);
            public Tensor relu() => Unary(UnaryOp.Relu);
            public Tensor relu_() => UnaryInPlace(UnaryOp.Relu);
            public Tensor tanh() => Unary(UnaryOp.Tanh);
            public Tensor tanh_() => UnaryInPlace(UnaryOp.Tanh);
            public Tensor sign() => Unary(UnaryOp.Sign);
            public Tensor floor() => Unary(UnaryOp.Floor);
            public Tensor isnan() => Unary(UnaryOp.IsNan);
            public Tensor isfinite() => Unary(UnaryOp.IsFinite);
            public Tensor logical_not() => Unary(UnaryOp.LogicalNot);
            public Tensor logical_and(Tensor other) => Binary(other, BinaryOp.LogicalAnd);
            public Tensor logical_or(Tensor other) => Binary(other, BinaryOp.LogicalOr);

            public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
                From(tsh_clamp(Handle,
                    min is null ? 0 : 1, (int)(min?.kind ?? 0), min?.d ?? 0, min?.l ?? 0,
                    max is null ? 0 : 1, (int)(max?.kind ?? 0), max?.d ?? 0, max?.l ?? 0));

            public Tensor clamp_min(Scalar min) => clamp(min, null);
            public Tensor clamp_max(Scalar max) => clamp(null, max);

            public Tensor masked_fill(Tensor mask, Scalar value) =>
                From(tsh_masked_fill(Handle, mask.Handle, (int)value.kind, value.d, value.l));

            // ---------------------------------------------------------------- comparison

            public Tensor eq(Tensor target) => Binary(target, BinaryOp.Eq);
            public Tensor eq(Scalar target) => Binary(target, BinaryOp.Eq);
            public Tensor ne(Tensor target) => Binary(target, BinaryOp.Ne);
            public Tensor ne(Scalar target) => Binary(target, BinaryOp.Ne);
            public Tensor lt(Tensor target) => Binary(target, BinaryOp.Lt);
            public Tensor lt(Scalar target) => Binary(target, BinaryOp.Lt);
            public Tensor le(Tensor target) => Binary(target, BinaryOp.Le);
            public Tensor le(Scalar target) => Binary(target, BinaryOp.Le);
            public Tensor gt(Tensor target) => Binary(target, BinaryOp.Gt);
            public Tensor gt(Scalar target) => Binary(target, BinaryOp.Gt);
            public Tensor ge(Tensor target) => Binary(target, BinaryOp.Ge);
            public Tensor ge(Scalar target) => Binary(target, BinaryOp.Ge);

            /// <summary>Element-wise equality, as TorchSharp's <c>equal</c> (not PyTorch's bool).</summary>
            public Tensor equal(Tensor target) => eq(target);

            public bool allclose(Tensor target, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) =>
                Check(tsh_allclose(Handle, target.Handle, rtol, atol, equal_nan ? 1 : 0)) != 0;

            // ---------------------------------------------------------------- linear algebra

            public Tensor mm(Tensor target) => Binary(target, BinaryOp.Mm);
            public Tensor matmul(Tensor target) => Binary(target, BinaryOp.Matmul);
            public Tensor bmm(Tensor batch2) => Binary(batch2, BinaryOp.Bmm);
            public Tensor mv(Tensor target) => Binary(target, BinaryOp.Mv);
            public Tensor dot(Tensor target) => Binary(target, BinaryOp.Dot);
            public Tensor outer(Tensor vec2) => Binary(vec2, BinaryOp.Outer);
            public Tensor t() => Unary(UnaryOp.T);

            // ---------------------------------------------------------------- reductions

            private unsafe Tensor Reduce(ReduceOp op, long[]? dims, bool keepdim, ScalarType? type, double p = 2)
            {
                if (dims is null)
                    return From(tsh_reduce(Handle, (int)op, null, -1, 0, type.HasValue ? (int)type.Value : -1, p));
                fixed (long* d = dims)
                    return From(tsh_reduce(Handle, (int)op, d, dims.Length, keepdim ? 1 : 0, type.HasValue ? (int)type.Value : -1, p));
            }

            /// <summary>The sum of all elements. Beware: <c>t.sum(0)</c> binds here (0 converts to an enum), as in TorchSharp.</summary>
            public Tensor sum(ScalarType? type = null) => Reduce(ReduceOp.Sum, null, false, type);
            public Tensor sum(long dim, bool keepdim = false, ScalarType? type = null) => Reduce(ReduceOp.Sum, new[] { dim }, keepdim, type);
            public Tensor sum(long[] dim, bool keepdim = false, ScalarType? type = null) => Reduce(ReduceOp.Sum, dim, keepdim, type);
            public Tensor sum(ReadOnlySpan<long> dim, bool keepdim = false, ScalarType? type = null) => Reduce(ReduceOp.Sum, dim.ToArray(), keepdim, type);

            public Tensor mean() => Reduce(ReduceOp.Mean, null, false, null);
            public Tensor mean(long[] dimensions, bool keepdim = false, ScalarType? type = null) => Reduce(ReduceOp.Mean, dimensions, keepdim, type);

            public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(ReduceOp.LogSumExp, new[] { dim }, keepdim, null);

            public Tensor norm(float p = 2) => Reduce(ReduceOp.Norm, null, false, null, p);
            public Tensor norm(int dim, bool keepdim = false, float p = 2) => Reduce(ReduceOp.Norm, new long[] { dim }, keepdim, null, p);

            public Tensor argmax() => Unary(UnaryOp.ArgmaxAll);
            public Tensor argmax(long dim, bool keepdim = false) => Reduce(ReduceOp.Argmax, new[] { dim }, keepdim, null);
            public Tensor argmin() => Unary(UnaryOp.ArgminAll);
            public Tensor argmin(long dim, bool keepdim = false) => Reduce(ReduceOp.Argmin, new[] { dim }, keepdim, null);

            public Tensor max() => Unary(UnaryOp.MaxAll);
            public Tensor min() => Unary(UnaryOp.MinAll);

            public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
            {
                Check(tsh_max_min_dim(Handle, 1, dim, keepdim ? 1 : 0, out var v, out var i));
                return (new Tensor(v), new Tensor(i));
            }

            public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
            {
                Check(tsh_max_min_dim(Handle, 0, dim, keepdim ? 1 : 0, out var v, out var i));
                return (new Tensor(v), new Tensor(i));
            }

            public (Tensor values, Tensor indexes) topk(int k, int dim = -1, bool largest = true, bool sorted = true)
            {
                Check(tsh_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
                return (new Tensor(v), new Tensor(i));
            }

            public Tensor cumsum(long dim, ScalarType? type = null) =>
                From(tsh_cumsum(Handle, dim, type.HasValue ? (int)type.Value : -1));

            // ---------------------------------------------------------------- softmax family

            public Tensor softmax(long dim, ScalarType? dtype = null) =>
                From(tsh_softmax(Handle, dim, 0, dtype.HasValue ? (int)dtype.Value : -1));

            public Tensor log_softmax(long dim, ScalarType? dtype = null) =>
                From(tsh_softmax(Handle, dim, 1, dtype.HasValue ? (int)dtype.Value : -1));

            // ---------------------------------------------------------------- in-place fills and copies

            public Tensor zero_() => BinaryInPlace((Scalar)0, BinaryOp.Fill);
            public Tensor fill_(Scalar value) => BinaryInPlace(value, BinaryOp.Fill);
            public Tensor copy_(Tensor source, bool nonBlocking = false) => BinaryInPlace(source, BinaryOp.Copy);
            public Tensor clone() => Unary(UnaryOp.Clone);
            public Tensor contiguous() => Unary(UnaryOp.Contiguous);
        }
    }
}
