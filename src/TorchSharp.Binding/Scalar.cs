namespace TorchSharp
{
    /// <summary>
    /// A number passed to libtorch (TorchSharp's <c>TorchSharp.Scalar</c>). The binding keeps it
    /// managed (a tagged double/long/bool), so it owns no native memory; the implicit
    /// conversions are TorchSharp's, which is what makes <c>t * 2.0</c> resolve as it does there.
    /// </summary>
    public sealed class Scalar : IDisposable
    {
        internal enum Kind { Floating = 0, Integral = 1, Boolean = 2 }

        internal readonly Kind kind;
        internal readonly double d;
        internal readonly long l;

        private Scalar(Kind kind, double d, long l) { this.kind = kind; this.d = d; this.l = l; }

        internal static Scalar FromDouble(double v) => new(Kind.Floating, v, (long)v);
        internal static Scalar FromLong(long v) => new(Kind.Integral, v, v);

        public static implicit operator Scalar(byte value) => FromLong(value);
        public static implicit operator Scalar(sbyte value) => FromLong(value);
        public static implicit operator Scalar(short value) => FromLong(value);
        public static implicit operator Scalar(int value) => FromLong(value);
        public static implicit operator Scalar(long value) => FromLong(value);
        public static implicit operator Scalar(float value) => FromDouble(value);
        public static implicit operator Scalar(double value) => FromDouble(value);
        public static implicit operator Scalar(bool value) => new(Kind.Boolean, value ? 1 : 0, value ? 1 : 0);

        /// <summary>Nothing native to free; present because TorchSharp's Scalar is disposable.</summary>
        public void Dispose() { }

        public override string ToString() => kind switch
        {
            Kind.Integral => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Kind.Boolean => (l != 0).ToString(),
            _ => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Reading a Scalar back: extension methods, as TorchSharp declares them.</summary>
    public static class ScalarExtensionMethods
    {
        public static double ToDouble(this Scalar value) => value.d;
        public static long ToInt64(this Scalar value) => value.l;
        public static bool ToBoolean(this Scalar value) => value.l != 0;
    }

    /// <summary>libtorch's device types (c10::DeviceType numbering), as TorchSharp declares them.</summary>
    public enum DeviceType
    {
        CPU = 0,
        CUDA = 1,
        MKLDNN = 2,
        OPENGL = 3,
        OPENCL = 4,
        IDEEP = 5,
        HIP = 6,
        FPGA = 7,
        MSNPU = 8,
        XLA = 9,
        META = 14,
    }
}
