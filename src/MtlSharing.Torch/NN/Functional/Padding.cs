using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp ConstantPadOp = new("aten::constant_pad_nd");

            /// <summary>
            /// Pads with a constant. The pad list runs from the last dimension backwards, two values
            /// per dimension: [left, right] pads the last one, [left, right, top, bottom] the last two.
            /// Negative values crop.
            /// </summary>
            /// <param name="input">The input.</param>
            /// <param name="pad">Padding before and after, for the last dimensions first.</param>
            /// <param name="value">The fill value.</param>
            /// <returns>The padded tensor.</returns>
            public static Tensor pad(Tensor input, long[] pad, double value = 0)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(pad);
                if (pad.Length % 2 != 0)
                {
                    throw new ArgumentException($"pad needs two values (before, after) per dimension; got {pad.Length} values", nameof(pad));
                }

                var call = new OpCall();
                call.Tensor(input);
                call.Ints(pad);
                call.Double(value);
                return call.InvokeTensor(ConstantPadOp);
            }
        }
    }
}
