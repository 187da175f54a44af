using TorchSharp.Native;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            // Operators: TorchSharp 0.99 declares the Tensor/Scalar forms, NuGet >= 0.100.7 adds the
            // primitive ones; with both, every call that either version accepts compiles here.
            // Comparisons return tensors, so test a tensor reference for null with `is null`.
            public static Tensor operator +(Tensor left, Tensor right) => left.add(right);
            public static Tensor operator +(Tensor left, Scalar right) => left.add(right);
            public static Tensor operator +(Scalar left, Tensor right) => right.add(left);
            public static Tensor operator +(Tensor left, int right) => left + (Scalar)right;
            public static Tensor operator +(int left, Tensor right) => (Scalar)left + right;
            public static Tensor operator +(Tensor left, long right) => left + (Scalar)right;
            public static Tensor operator +(long left, Tensor right) => (Scalar)left + right;
            public static Tensor operator +(Tensor left, float right) => left + (Scalar)right;
            public static Tensor operator +(float left, Tensor right) => (Scalar)left + right;
            public static Tensor operator +(Tensor left, double right) => left + (Scalar)right;
            public static Tensor operator +(double left, Tensor right) => (Scalar)left + right;

            public static Tensor operator -(Tensor left, Tensor right) => left.sub(right);
            public static Tensor operator -(Tensor left, Scalar right) => left.sub(right);
            public static Tensor operator -(Scalar left, Tensor right) => right.Binary(left, BinaryOp.RSub);
            public static Tensor operator -(Tensor left, int right) => left - (Scalar)right;
            public static Tensor operator -(int left, Tensor right) => (Scalar)left - right;
            public static Tensor operator -(Tensor left, long right) => left - (Scalar)right;
            public static Tensor operator -(long left, Tensor right) => (Scalar)left - right;
            public static Tensor operator -(Tensor left, float right) => left - (Scalar)right;
            public static Tensor operator -(float left, Tensor right) => (Scalar)left - right;
            public static Tensor operator -(Tensor left, double right) => left - (Scalar)right;
            public static Tensor operator -(double left, Tensor right) => (Scalar)left - right;

            public static Tensor operator *(Tensor left, Tensor right) => left.mul(right);
            public static Tensor operator *(Tensor left, Scalar right) => left.mul(right);
            public static Tensor operator *(Scalar left, Tensor right) => right.mul(left);
            public static Tensor operator *(Tensor left, int right) => left * (Scalar)right;
            public static Tensor operator *(int left, Tensor right) => (Scalar)left * right;
            public static Tensor operator *(Tensor left, long right) => left * (Scalar)right;
            public static Tensor operator *(long left, Tensor right) => (Scalar)left * right;
            public static Tensor operator *(Tensor left, float right) => left * (Scalar)right;
            public static Tensor operator *(float left, Tensor right) => (Scalar)left * right;
            public static Tensor operator *(Tensor left, double right) => left * (Scalar)right;
            public static Tensor operator *(double left, Tensor right) => (Scalar)left * right;

            public static Tensor operator /(Tensor left, Tensor right) => left.div(right);
            public static Tensor operator /(Tensor left, Scalar right) => left.div(right);
            public static Tensor operator /(Scalar left, Tensor right) => right.Binary(left, BinaryOp.RDiv); // right.reciprocal().mul(left), as TorchSharp
            public static Tensor operator /(Tensor left, int right) => left / (Scalar)right;
            public static Tensor operator /(int left, Tensor right) => (Scalar)left / right;
            public static Tensor operator /(Tensor left, long right) => left / (Scalar)right;
            public static Tensor operator /(long left, Tensor right) => (Scalar)left / right;
            public static Tensor operator /(Tensor left, float right) => left / (Scalar)right;
            public static Tensor operator /(float left, Tensor right) => (Scalar)left / right;
            public static Tensor operator /(Tensor left, double right) => left / (Scalar)right;
            public static Tensor operator /(double left, Tensor right) => (Scalar)left / right;

            public static Tensor operator ==(Tensor left, Tensor right) => left.eq(right);
            public static Tensor operator ==(Tensor left, Scalar right) => left.eq(right);
            public static Tensor operator ==(Scalar left, Tensor right) => right.eq(left);
            public static Tensor operator !=(Tensor left, Tensor right) => left.ne(right);
            public static Tensor operator !=(Tensor left, Scalar right) => left.ne(right);
            public static Tensor operator !=(Scalar left, Tensor right) => right.ne(left);
            public static Tensor operator <(Tensor left, Tensor right) => left.lt(right);
            public static Tensor operator <(Tensor left, Scalar right) => left.lt(right);
            public static Tensor operator <(Scalar left, Tensor right) => right.gt(left);
            public static Tensor operator <=(Tensor left, Tensor right) => left.le(right);
            public static Tensor operator <=(Tensor left, Scalar right) => left.le(right);
            public static Tensor operator <=(Scalar left, Tensor right) => right.ge(left);
            public static Tensor operator >(Tensor left, Tensor right) => left.gt(right);
            public static Tensor operator >(Tensor left, Scalar right) => left.gt(right);
            public static Tensor operator >(Scalar left, Tensor right) => right.lt(left);
            public static Tensor operator >=(Tensor left, Tensor right) => left.ge(right);
            public static Tensor operator >=(Tensor left, Scalar right) => left.ge(right);
            public static Tensor operator >=(Scalar left, Tensor right) => right.le(left);
            public static Tensor operator -(Tensor tensor) => tensor.neg();

            // Implicit conversions to Tensor (each makes a new tensor), as in TorchSharp.
            public static implicit operator Tensor(byte value) => torch.tensor((long)value, ScalarType.Byte);
            public static implicit operator Tensor(sbyte value) => torch.tensor((long)value, ScalarType.Int8);
            public static implicit operator Tensor(short value) => torch.tensor((long)value, ScalarType.Int16);
            public static implicit operator Tensor(int value) => torch.tensor(value);
            public static implicit operator Tensor(long value) => torch.tensor(value);
            public static implicit operator Tensor(float value) => torch.tensor(value);
            public static implicit operator Tensor(double value) => torch.tensor(value);
            public static implicit operator Tensor(bool value) => torch.tensor(value);
            public static implicit operator Tensor(Scalar scalar) => torch.ScalarTensor(scalar);
            public static implicit operator Tensor(float[] rawArray) => torch.tensor(rawArray);
            public static implicit operator Tensor(double[] rawArray) => torch.tensor(rawArray);
            public static implicit operator Tensor(long[] rawArray) => torch.tensor(rawArray);
            public static implicit operator Tensor(int[] rawArray) => torch.tensor(rawArray);
            public static implicit operator Tensor(bool[] rawArray) => torch.tensor(rawArray);
        }
    }
}
