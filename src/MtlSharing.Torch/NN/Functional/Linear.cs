using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp LinearOp = new("aten::linear");

            /// <summary>Applies y = x Wᵀ + b.</summary>
            /// <param name="input">Input of shape [*, in_features].</param>
            /// <param name="weight">Weight of shape [out_features, in_features].</param>
            /// <param name="bias">Optional bias of shape [out_features].</param>
            /// <returns>Output of shape [*, out_features].</returns>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(weight);
                call.OptionalTensor(bias);
                return call.InvokeTensor(LinearOp);
            }
        }
    }
}
