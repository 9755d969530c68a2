using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp MaxPool2dOp = new("aten::max_pool2d");
            private static readonly AtenOp AvgPool2dOp = new("aten::avg_pool2d");
            private static readonly AtenOp AdaptiveAvgPool2dOp = new("aten::adaptive_avg_pool2d");
            private static readonly AtenOp AdaptiveMaxPool2dOp = new("aten::adaptive_max_pool2d");

            /// <summary>2-D max pooling.</summary>
            /// <param name="input">Input of shape [N, C, H, W].</param>
            /// <param name="kernel_size">Window size (one value or [kH, kW]).</param>
            /// <param name="stride">Stride; defaults to the kernel size.</param>
            /// <param name="padding">Implicit negative-infinity padding.</param>
            /// <param name="dilation">Spacing between window elements.</param>
            /// <param name="ceil_mode">Round the output size up instead of down.</param>
            /// <returns>The pooled tensor.</returns>
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(kernel_size);
                var call = new OpCall();
                call.Tensor(input);
                call.Ints(kernel_size);
                call.Ints(stride ?? []);
                call.Ints(padding ?? [0]);
                call.Ints(dilation ?? [1]);
                call.Bool(ceil_mode);
                return call.InvokeTensor(MaxPool2dOp);
            }

            /// <summary>2-D average pooling.</summary>
            /// <param name="input">Input of shape [N, C, H, W].</param>
            /// <param name="kernel_size">Window size (one value or [kH, kW]).</param>
            /// <param name="stride">Stride; defaults to the kernel size.</param>
            /// <param name="padding">Implicit zero padding.</param>
            /// <param name="ceil_mode">Round the output size up instead of down.</param>
            /// <param name="count_include_pad">Count padding zeros in the average.</param>
            /// <returns>The pooled tensor.</returns>
            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(kernel_size);
                var call = new OpCall();
                call.Tensor(input);
                call.Ints(kernel_size);
                call.Ints(stride ?? []);
                call.Ints(padding ?? [0]);
                call.Bool(ceil_mode);
                call.Bool(count_include_pad);
                call.None();
                return call.InvokeTensor(AvgPool2dOp);
            }

            /// <summary>Average pooling to a fixed output size, whatever the input size.</summary>
            /// <param name="input">Input of shape [N, C, H, W].</param>
            /// <param name="output_size">The output size (one value or [H_out, W_out]).</param>
            /// <returns>The pooled tensor.</returns>
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(output_size);
                var call = new OpCall();
                call.Tensor(input);
                call.Ints(output_size.Length == 1 ? [output_size[0], output_size[0]] : output_size);
                return call.InvokeTensor(AdaptiveAvgPool2dOp);
            }

            /// <summary>Max pooling to a fixed output size, whatever the input size.</summary>
            /// <param name="input">Input of shape [N, C, H, W].</param>
            /// <param name="output_size">The output size (one value or [H_out, W_out]).</param>
            /// <returns>The pooled tensor.</returns>
            public static Tensor adaptive_max_pool2d(Tensor input, long[] output_size)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(output_size);
                var call = new OpCall();
                call.Tensor(input);
                call.Ints(output_size.Length == 1 ? [output_size[0], output_size[0]] : output_size);
                var (values, indices) = call.InvokePair(AdaptiveMaxPool2dOp);
                indices.Dispose();
                return values;
            }
        }
    }
}
