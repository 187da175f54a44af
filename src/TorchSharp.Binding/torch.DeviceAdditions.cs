using System.Runtime.InteropServices;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    // Members the device-resident training pipeline needs, with TorchSharp's exact signatures
    // (Tensor.masked_select(Tensor mask) and torch.masked_select(Tensor input, Tensor mask) exist
    // from 0.9x through 0.106). Native side: the "device pipeline additions" section of shim.cpp.
    public static partial class torch
    {
        /// <summary>The elements of <paramref name="input"/> where <paramref name="mask"/> is true, as a 1-D tensor.</summary>
        public static Tensor masked_select(Tensor input, Tensor mask) => input.masked_select(mask);

        public partial class Tensor
        {
            /// <summary>
            /// The elements where <paramref name="mask"/> (bool, broadcastable to this tensor's shape)
            /// is true, as a new 1-D tensor in row-major order. Its length depends on the values, so
            /// on CUDA the call waits for the device.
            /// </summary>
            public Tensor masked_select(Tensor mask) => From(Native.DeviceAdditionsNative.tsh_masked_select(Handle, mask.Handle));
        }
    }

    namespace Native
    {
        /// <summary>P/Invokes of the device pipeline additions (resolved by <see cref="NativeMethods"/>' resolver,
        /// which is registered before any tensor exists).</summary>
        internal static class DeviceAdditionsNative
        {
            private const string Lib = "TorchSharpShim";

            [DllImport(Lib)] internal static extern IntPtr tsh_masked_select(IntPtr a, IntPtr mask);
        }
    }
}
