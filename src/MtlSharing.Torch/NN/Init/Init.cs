using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Initialisation functions, as in torch.nn.init (PyTorch 1.13): each fills a tensor in
        /// place without recording gradients, and returns it.
        /// </summary>
        public static partial class init
        {
            private static readonly AtenOp ErfOp = new("aten::erf");
            private static readonly AtenOp ErfinvInPlaceOp = new("aten::erfinv_");

            /// <summary>The recommended gain for a nonlinearity, as in torch.nn.init.calculate_gain.</summary>
            /// <param name="nonlinearity">The nonlinearity.</param>
            /// <param name="param">The negative slope of <see cref="NonlinearityType.LeakyReLU"/> (default 0.01).</param>
            /// <returns>The gain.</returns>
            public static double calculate_gain(NonlinearityType nonlinearity, double? param = null) => nonlinearity switch
            {
                NonlinearityType.Tanh => 5.0 / 3,
                NonlinearityType.ReLU => Math.Sqrt(2.0),
                NonlinearityType.LeakyReLU => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
                NonlinearityType.SELU => 3.0 / 4,
                _ when Enum.IsDefined(nonlinearity) => 1.0,
                _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "unsupported nonlinearity"),
            };

            /// <summary>
            /// The fans of a weight: fan_in = size(1) × receptive field, fan_out = size(0) ×
            /// receptive field, where the receptive field is the product of the sizes after the second.
            /// </summary>
            /// <param name="tensor">A tensor of at least two dimensions.</param>
            /// <returns>(fan_in, fan_out).</returns>
            public static (long fanIn, long fanOut) CalculateFanInAndFanOut(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                var shape = tensor.shape;
                if (shape.Length < 2)
                {
                    throw new ArgumentException($"fan in and fan out need a tensor of at least 2 dimensions; got shape [{string.Join(", ", shape)}]", nameof(tensor));
                }

                var receptive = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                return (shape[1] * receptive, shape[0] * receptive);
            }

            /// <summary>Fills with samples from U(low, high).</summary>
            /// <param name="tensor">The tensor to fill.</param>
            /// <param name="low">The lower bound.</param>
            /// <param name="high">The upper bound.</param>
            /// <returns>The tensor.</returns>
            public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1) => Fill(tensor, t => t.uniform_(low, high));

            /// <summary>Fills with samples from N(mean, std²).</summary>
            /// <param name="tensor">The tensor to fill.</param>
            /// <param name="mean">The mean.</param>
            /// <param name="std">The standard deviation.</param>
            /// <returns>The tensor.</returns>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1) => Fill(tensor, t => t.normal_(mean, std));

            /// <summary>Fills with one value.</summary>
            /// <param name="tensor">The tensor to fill.</param>
            /// <param name="val">The value.</param>
            /// <returns>The tensor.</returns>
            public static Tensor constant_(Tensor tensor, double val) => Fill(tensor, t => t.fill_(val));

            /// <summary>Fills with zeros.</summary>
            /// <param name="tensor">The tensor to fill.</param>
            /// <returns>The tensor.</returns>
            public static Tensor zeros_(Tensor tensor) => Fill(tensor, t => t.zero_());

            /// <summary>Fills with ones.</summary>
            /// <param name="tensor">The tensor to fill.</param>
            /// <returns>The tensor.</returns>
            public static Tensor ones_(Tensor tensor) => Fill(tensor, t => t.fill_(1));

            /// <summary>
            /// He initialisation, uniform: U(−b, b) with b = gain × √(3 / fan), gain from
            /// <see cref="calculate_gain"/>(nonlinearity, a). With a = √5 (the Linear and Conv2d
            /// default) b = 1 / √fan_in.
            /// </summary>
            /// <param name="tensor">A weight of at least two dimensions.</param>
            /// <param name="a">The negative slope of the leaky rectifier after the layer.</param>
            /// <param name="mode">Which fan to use.</param>
            /// <param name="nonlinearity">The nonlinearity after the layer.</param>
            /// <returns>The tensor.</returns>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn, NonlinearityType nonlinearity = NonlinearityType.LeakyReLU)
            {
                if (HasNoElements(tensor))
                {
                    return tensor;
                }

                var bound = Math.Sqrt(3.0) * calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>He initialisation, normal: N(0, std²) with std = gain / √fan.</summary>
            /// <param name="tensor">A weight of at least two dimensions.</param>
            /// <param name="a">The negative slope of the leaky rectifier after the layer.</param>
            /// <param name="mode">Which fan to use.</param>
            /// <param name="nonlinearity">The nonlinearity after the layer.</param>
            /// <returns>The tensor.</returns>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn, NonlinearityType nonlinearity = NonlinearityType.LeakyReLU)
            {
                if (HasNoElements(tensor))
                {
                    return tensor;
                }

                return normal_(tensor, 0, calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode)));
            }

            /// <summary>Glorot initialisation, uniform: U(−b, b) with b = gain × √(6 / (fan_in + fan_out)).</summary>
            /// <param name="tensor">A weight of at least two dimensions.</param>
            /// <param name="gain">The scaling factor.</param>
            /// <returns>The tensor.</returns>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1.0)
            {
                var bound = Math.Sqrt(3.0) * XavierStd(tensor, gain);
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>Glorot initialisation, normal: N(0, std²) with std = gain × √(2 / (fan_in + fan_out)).</summary>
            /// <param name="tensor">A weight of at least two dimensions.</param>
            /// <param name="gain">The scaling factor.</param>
            /// <returns>The tensor.</returns>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1.0) => normal_(tensor, 0, XavierStd(tensor, gain));

            /// <summary>
            /// Fills with samples from N(mean, std²) truncated to [a, b], by inverting the normal
            /// distribution function on uniform samples, as PyTorch 1.13 does.
            /// </summary>
            /// <param name="tensor">The tensor to fill.</param>
            /// <param name="mean">The mean of the normal distribution.</param>
            /// <param name="std">The standard deviation of the normal distribution.</param>
            /// <param name="a">The lower cut-off.</param>
            /// <param name="b">The upper cut-off.</param>
            /// <returns>The tensor.</returns>
            public static Tensor trunc_normal_(Tensor tensor, double mean = 0, double std = 1, double a = -2, double b = 2)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(std);
                if (!(a < b))
                {
                    throw new ArgumentException($"the cut-offs must satisfy a < b; got a = {a}, b = {b}", nameof(b));
                }

                var low = NormalCdf((a - mean) / std);
                var high = NormalCdf((b - mean) / std);
                return Fill(tensor, t =>
                {
                    t.uniform_((2 * low) - 1, (2 * high) - 1);
                    var call = new OpCall();
                    call.Tensor(t);
                    call.Invoke(ErfinvInPlaceOp);
                    t.mul_(std * Math.Sqrt(2.0)).add_(mean).clamp_(a, b);
                });
            }

            private static Tensor Fill(Tensor tensor, Action<Tensor> fill)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                using (no_grad())
                {
                    fill(tensor);
                }

                return tensor;
            }

            private static bool HasNoElements(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return tensor.shape.Contains(0);
            }

            private static long Fan(Tensor tensor, FanInOut mode)
            {
                var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
                return mode switch
                {
                    FanInOut.FanIn => fanIn,
                    FanInOut.FanOut => fanOut,
                    _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "expected FanIn or FanOut"),
                };
            }

            private static double XavierStd(Tensor tensor, double gain)
            {
                var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
                return gain * Math.Sqrt(2.0 / (fanIn + fanOut));
            }

            private static double NormalCdf(double x)
            {
                using var scope = NewDisposeScope();
                var call = new OpCall();
                call.Tensor(scalar_tensor(x / Math.Sqrt(2.0), ScalarType.Float64));
                return (1 + call.InvokeTensor(ErfOp).item<double>()) / 2;
            }
        }
    }
}
