using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp DropoutOp = new("aten::dropout");
            private static readonly AtenOp FeatureDropoutOp = new("aten::feature_dropout");

            /// <summary>In training, zeroes each element with probability p and scales the rest by 1/(1 − p).</summary>
            /// <param name="input">The input.</param>
            /// <param name="p">The drop probability, in [0, 1].</param>
            /// <param name="training">Drop only when true; otherwise return the input unchanged.</param>
            /// <returns>The result.</returns>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) => Drop(DropoutOp, input, p, training);

            /// <summary>In training, zeroes whole channels of [N, C, H, W] input with probability p and scales the rest by 1/(1 − p).</summary>
            /// <param name="input">Input of shape [N, C, H, W] (or [C, H, W]).</param>
            /// <param name="p">The probability of dropping a channel, in [0, 1].</param>
            /// <param name="training">Drop only when true; otherwise return the input unchanged.</param>
            /// <returns>The result.</returns>
            public static Tensor dropout2d(Tensor input, double p = 0.5, bool training = true) => Drop(FeatureDropoutOp, input, p, training);

            private static Tensor Drop(AtenOp op, Tensor input, double p, bool training)
            {
                ArgumentNullException.ThrowIfNull(input);
                if (p is < 0 or > 1 || double.IsNaN(p))
                {
                    throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be between 0 and 1");
                }

                var call = new OpCall();
                call.Tensor(input);
                call.Double(p);
                call.Bool(training);
                return call.InvokeTensor(op);
            }
        }
    }
}
