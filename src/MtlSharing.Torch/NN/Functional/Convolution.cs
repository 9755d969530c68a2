using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Functional forms of the layers, named as in torch.nn.functional.</summary>
        public static partial class functional
        {
            private static readonly AtenOp Conv2dOp = new("aten::conv2d");

            /// <summary>2-D convolution (cross-correlation, as in PyTorch).</summary>
            /// <param name="input">Input of shape [N, C_in, H, W].</param>
            /// <param name="weight">Kernels of shape [C_out, C_in / groups, kH, kW].</param>
            /// <param name="bias">Optional bias of shape [C_out].</param>
            /// <param name="stride">Stride (one value or [sH, sW]); default 1.</param>
            /// <param name="padding">Zero padding (one value or [pH, pW]); default 0.</param>
            /// <param name="dilation">Dilation (one value or [dH, dW]); default 1.</param>
            /// <param name="groups">Number of channel groups.</param>
            /// <returns>Output of shape [N, C_out, H_out, W_out].</returns>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(weight);
                call.OptionalTensor(bias);
                call.Ints(stride ?? [1]);
                call.Ints(padding ?? [0]);
                call.Ints(dilation ?? [1]);
                call.Int(groups);
                return call.InvokeTensor(Conv2dOp);
            }
        }
    }
}
