namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Element types, numbered as c10::ScalarType (and TorchSharp).</summary>
        public enum ScalarType : sbyte
        {
            Byte = 0,
            Int8 = 1,
            Int16 = 2,
            Int32 = 3,
            Int64 = 4,
            Float16 = 5,
            Float32 = 6,
            Float64 = 7,
            ComplexFloat32 = 9,
            ComplexFloat64 = 10,
            Bool = 11,
            BFloat16 = 15,
        }

        // TorchSharp declares these as mutable static fields (not constants).
        public static ScalarType uint8 = ScalarType.Byte;
        public static ScalarType int8 = ScalarType.Int8;
        public static ScalarType int16 = ScalarType.Int16;
        public static ScalarType int32 = ScalarType.Int32;
        public static ScalarType int64 = ScalarType.Int64;
        public static ScalarType float16 = ScalarType.Float16;
        public static ScalarType float32 = ScalarType.Float32;
        public static ScalarType float64 = ScalarType.Float64;
        public static ScalarType bfloat16 = ScalarType.BFloat16;
        public static ScalarType @bool = ScalarType.Bool;
        public static ScalarType @short = ScalarType.Int16;
        public static ScalarType @int = ScalarType.Int32;
        public static ScalarType @long = ScalarType.Int64;
        public static ScalarType half = ScalarType.Float16;
        public static ScalarType @float = ScalarType.Float32;
        public static ScalarType @double = ScalarType.Float64;

        internal static ScalarType ToScalarType(Type t)
        {
            if (t == typeof(float)) return ScalarType.Float32;
            if (t == typeof(double)) return ScalarType.Float64;
            if (t == typeof(long)) return ScalarType.Int64;
            if (t == typeof(int)) return ScalarType.Int32;
            if (t == typeof(short)) return ScalarType.Int16;
            if (t == typeof(sbyte)) return ScalarType.Int8;
            if (t == typeof(byte)) return ScalarType.Byte;
            if (t == typeof(bool)) return ScalarType.Bool;
            throw new NotSupportedException($"The element type {t.Name} is not supported by this binding.");
        }

        /// <summary>A device: TorchSharp's <c>torch.Device</c> (reference equality, as there).</summary>
        public class Device
        {
            public DeviceType type { get; }
            public int index { get; }

            public Device(DeviceType deviceType, int index = -1)
            {
                type = deviceType;
                this.index = index;
            }

            public Device(int cudaIndex) : this(DeviceType.CUDA, cudaIndex) { }

            public Device(string description)
            {
                if (description is null) throw new ArgumentNullException(nameof(description));
                var parts = description.Trim().ToLowerInvariant().Split(':');
                type = parts[0] switch
                {
                    "cpu" => DeviceType.CPU,
                    "cuda" => DeviceType.CUDA,
                    "meta" => DeviceType.META,
                    _ => throw new ArgumentException($"Unknown device '{description}': expected 'cpu', 'cuda' or 'cuda:N'."),
                };
                index = -1;
                if (parts.Length == 2)
                {
                    if (!int.TryParse(parts[1], out var i) || i < 0)
                        throw new ArgumentException($"Bad device index in '{description}'.");
                    index = i;
                }
                else if (parts.Length > 2) throw new ArgumentException($"Unknown device '{description}'.");
            }

            public Device(string deviceType, int index = -1) : this(deviceType) { if (index >= 0) this.index = index; }

            public static implicit operator Device(string description) => new(description);

            public override string ToString()
            {
                // As TorchSharp: the cpu is "cpu" whatever its index.
                if (type == DeviceType.CPU) return "cpu";
                var name = type.ToString().ToLowerInvariant();
                return index < 0 ? name : $"{name}:{index}";
            }
        }

        public static Device CPU = new(DeviceType.CPU, -1);

        /// <summary>The first CUDA device. Throws where CUDA is not available, as TorchSharp ≥ 0.100.6 does.</summary>
        public static Device CUDA
        {
            get
            {
                if (!cuda.is_available())
                    throw new InvalidOperationException("CUDA is not available: this libtorch was built without CUDA or no GPU is visible.");
                return new Device(DeviceType.CUDA, -1);
            }
        }

        // As in TorchSharp, the factories (except device(int)) check that the device type is
        // usable here, so torch.device("cuda") throws where CUDA is absent; the constructors do not.
        public static Device device(string description) => Initialized(new Device(description));
        public static Device device(string deviceType, int index = -1) => Initialized(new Device(deviceType, index));
        public static Device device(DeviceType deviceType, int index = -1) => Initialized(new Device(deviceType, index));
        public static Device device(int index) => new(index);

        private static Device Initialized(Device device)
        {
            CheckDeviceAvailable(device);
            return device;
        }
    }
}
