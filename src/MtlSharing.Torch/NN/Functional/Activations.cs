using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp ReluOp = new("aten::relu");
            private static readonly AtenOp HardtanhOp = new("aten::hardtanh");
            private static readonly AtenOp GeluOp = new("aten::gelu");
            private static readonly AtenOp SoftmaxOp = new("aten::softmax", "int");
            private static readonly AtenOp LogSoftmaxOp = new("aten::log_softmax", "int");
            private static readonly AtenOp OneHotOp = new("aten::one_hot");
            private static readonly AtenOp SigmoidOp = new("aten::sigmoid");
            private static readonly AtenOp TanhOp = new("aten::tanh");
            private static readonly AtenOp SiluOp = new("aten::silu");
            private static readonly AtenOp LeakyReluOp = new("aten::leaky_relu");
            private static readonly AtenOp EluOp = new("aten::elu");
            private static readonly AtenOp HardswishOp = new("aten::hardswish");
            private static readonly AtenOp HardsigmoidOp = new("aten::hardsigmoid");
            private static readonly AtenOp SoftplusOp = new("aten::softplus");

            /// <summary>max(0, x).</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor relu(Tensor input) => Unary(ReluOp, input);

            /// <summary>min(max(0, x), 6).</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor relu6(Tensor input)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.Double(0);
                call.Double(6);
                return call.InvokeTensor(HardtanhOp);
            }

            /// <summary>Gaussian error linear unit: x Φ(x), exactly or with the tanh approximation.</summary>
            /// <param name="input">The input.</param>
            /// <param name="approximate">"none" (exact) or "tanh".</param>
            /// <returns>The activations.</returns>
            public static Tensor gelu(Tensor input, string approximate = "none")
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(approximate);
                var call = new OpCall();
                call.Tensor(input);
                call.String(approximate);
                return call.InvokeTensor(GeluOp);
            }

            /// <summary>Logistic sigmoid, 1/(1 + e^−x).</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor sigmoid(Tensor input) => Unary(SigmoidOp, input);

            /// <summary>Hyperbolic tangent.</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor tanh(Tensor input) => Unary(TanhOp, input);

            /// <summary>Sigmoid linear unit (swish): x · sigmoid(x).</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor silu(Tensor input) => Unary(SiluOp, input);

            /// <summary>x for x ≥ 0, negative_slope · x below.</summary>
            /// <param name="input">The input.</param>
            /// <param name="negative_slope">The slope for negative inputs.</param>
            /// <returns>The activations.</returns>
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.Double(negative_slope);
                return call.InvokeTensor(LeakyReluOp);
            }

            /// <summary>Exponential linear unit: x for x > 0, alpha · (e^x − 1) below.</summary>
            /// <param name="input">The input.</param>
            /// <param name="alpha">The scale of the negative part.</param>
            /// <returns>The activations.</returns>
            public static Tensor elu(Tensor input, double alpha = 1.0)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.Double(alpha);
                call.Int(1);
                call.Int(1);
                return call.InvokeTensor(EluOp);
            }

            /// <summary>x · relu6(x + 3) / 6, as in MobileNetV3.</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor hardswish(Tensor input) => Unary(HardswishOp, input);

            /// <summary>relu6(x + 3) / 6, a piecewise-linear sigmoid.</summary>
            /// <param name="input">The input.</param>
            /// <returns>The activations.</returns>
            public static Tensor hardsigmoid(Tensor input) => Unary(HardsigmoidOp, input);

            /// <summary>log(1 + e^(beta·x)) / beta, linear above the threshold.</summary>
            /// <param name="input">The input.</param>
            /// <param name="beta">The sharpness.</param>
            /// <param name="threshold">Above beta·x &gt; threshold the result is x.</param>
            /// <returns>The activations.</returns>
            public static Tensor softplus(Tensor input, double beta = 1, double threshold = 20)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.Double(beta);
                call.Double(threshold);
                return call.InvokeTensor(SoftplusOp);
            }

            /// <summary>Softmax along a dimension.</summary>
            /// <param name="input">The input.</param>
            /// <param name="dim">The dimension whose entries sum to 1.</param>
            /// <returns>The probabilities.</returns>
            public static Tensor softmax(Tensor input, long dim) => SoftmaxLike(SoftmaxOp, input, dim);

            /// <summary>Log of the softmax along a dimension, computed stably.</summary>
            /// <param name="input">The input.</param>
            /// <param name="dim">The dimension.</param>
            /// <returns>The log-probabilities.</returns>
            public static Tensor log_softmax(Tensor input, long dim) => SoftmaxLike(LogSoftmaxOp, input, dim);

            /// <summary>One-hot encodes int64 class indices.</summary>
            /// <param name="input">An int64 tensor of class indices.</param>
            /// <param name="num_classes">The number of classes, or −1 to infer it.</param>
            /// <returns>An int64 tensor with one more dimension.</returns>
            public static Tensor one_hot(Tensor input, long num_classes = -1)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.Int(num_classes);
                return call.InvokeTensor(OneHotOp);
            }

            private static Tensor Unary(AtenOp op, Tensor input)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                return call.InvokeTensor(op);
            }

            private static Tensor SoftmaxLike(AtenOp op, Tensor input, long dim)
            {
                ArgumentNullException.ThrowIfNull(input);
                var call = new OpCall();
                call.Tensor(input);
                call.Int(dim);
                call.None();
                return call.InvokeTensor(op);
            }
        }
    }
}
