using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp BatchNormOp = new("aten::batch_norm");
            private static readonly AtenOp LayerNormOp = new("aten::layer_norm");

            /// <summary>
            /// Batch normalisation over dimension 1. In training it normalises with the batch
            /// statistics and updates the running statistics in place (running = (1 − momentum) ×
            /// running + momentum × batch, with the unbiased batch variance); in evaluation it
            /// normalises with the running statistics.
            /// </summary>
            /// <param name="input">Input of shape [N, C, *].</param>
            /// <param name="running_mean">Running mean of shape [C], or null.</param>
            /// <param name="running_var">Running variance of shape [C], or null.</param>
            /// <param name="weight">Optional scale of shape [C].</param>
            /// <param name="bias">Optional shift of shape [C].</param>
            /// <param name="training">Use batch statistics and update the running ones.</param>
            /// <param name="momentum">The running-average factor.</param>
            /// <param name="eps">Added to the variance for stability.</param>
            /// <returns>The normalised tensor.</returns>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.OptionalTensor(weight);
                call.OptionalTensor(bias);
                call.OptionalTensor(running_mean);
                call.OptionalTensor(running_var);
                call.Bool(training);
                call.Double(momentum);
                call.Double(eps);
                call.Bool(false);
                return call.InvokeTensor(BatchNormOp);
            }

            /// <summary>Divides by the p-norm along a dimension (at least eps): x / max(‖x‖_p, eps).</summary>
            /// <param name="input">The input.</param>
            /// <param name="p">The norm order.</param>
            /// <param name="dim">The dimension whose vectors are normalised.</param>
            /// <param name="eps">The smallest divisor, to avoid division by zero.</param>
            /// <returns>The normalised tensor.</returns>
            public static Tensor normalize(Tensor input, double p = 2.0, long dim = 1, double eps = 1e-12)
            {
                ArgumentNullException.ThrowIfNull(input);
                using var norm = input.norm(p, [dim], keepdim: true);
                using var divisor = norm.clamp(min: eps);
                return input / divisor;
            }

            /// <summary>Layer normalisation over the trailing dimensions.</summary>
            /// <param name="input">The input.</param>
            /// <param name="normalized_shape">The trailing shape to normalise over.</param>
            /// <param name="weight">Optional scale of that shape.</param>
            /// <param name="bias">Optional shift of that shape.</param>
            /// <param name="eps">Added to the variance for stability.</param>
            /// <returns>The normalised tensor.</returns>
            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(normalized_shape);
                var call = new OpCall();
                call.Tensor(input);
                call.Ints(normalized_shape);
                call.OptionalTensor(weight);
                call.OptionalTensor(bias);
                call.Double(eps);
                call.Bool(false);
                return call.InvokeTensor(LayerNormOp);
            }
        }
    }
}
