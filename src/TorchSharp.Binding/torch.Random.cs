using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Seeds the default generators (CPU and every CUDA device) and returns the CPU one.</summary>
        public static Generator manual_seed(long seed) => random.manual_seed(seed);

        public static partial class random
        {
            public static Generator manual_seed(long seed)
            {
                tsh_manual_seed(seed);
                return new Generator(Check(tsh_default_generator((int)DeviceType.CPU, -1)));
            }
        }

        /// <summary>A random-number generator (libtorch's Philox/MT state), as TorchSharp's.</summary>
        public class Generator : IDisposable
        {
            private IntPtr _handle;

            internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Generator));

            internal Generator(IntPtr handle) { _handle = handle; }

            public Generator(ulong seed = 0, Device? device = null)
            {
                var dev = device ?? CPU;
                _handle = Check(tsh_generator_new(seed, (int)dev.type, dev.index));
            }

            public Generator manual_seed(long seed)
            {
                Check(tsh_generator_manual_seed(Handle, (ulong)seed));
                return this;
            }

            public long initial_seed() => tsh_generator_initial_seed(Handle);

            /// <summary>The generator's full state as a uint8 tensor, to restore with <see cref="set_state"/>.</summary>
            public Tensor get_state() => Tensor.From(tsh_generator_get_state(Handle));

            public void set_state(Tensor value) => Check(tsh_generator_set_state(Handle, value.Handle));

            ~Generator() => Free();

            public void Dispose()
            {
                Free();
                GC.SuppressFinalize(this);
            }

            private void Free()
            {
                var h = Interlocked.Exchange(ref _handle, IntPtr.Zero);
                if (h != IntPtr.Zero) tsh_generator_free(h);
            }
        }
    }
}
