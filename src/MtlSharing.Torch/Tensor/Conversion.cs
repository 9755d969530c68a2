using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp ToDtypeOp = new("aten::to", "dtype");
        private static readonly AtenOp DetachOp = new("aten::detach");
        private static readonly AtenOp CloneOp = new("aten::clone");

        /// <summary>Converts to another element type (this tensor itself if it already has it).</summary>
        /// <param name="type">The element type.</param>
        /// <param name="copy">Always copy, even when the type already matches.</param>
        /// <returns>The converted tensor.</returns>
        public Tensor to(ScalarType type, bool copy = false)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int((long)type);
            call.Bool(false);
            call.Bool(copy);
            call.None();
            return call.InvokeTensor(ToDtypeOp);
        }

        /// <summary>Converts to another element type.</summary>
        /// <param name="type">The element type.</param>
        /// <returns>The converted tensor.</returns>
        public Tensor to_type(ScalarType type) => to(type);

        /// <summary>Converts to float32.</summary>
        /// <returns>The converted tensor.</returns>
        public Tensor @float() => to(ScalarType.Float32);

        /// <summary>Converts to float64.</summary>
        /// <returns>The converted tensor.</returns>
        public Tensor @double() => to(ScalarType.Float64);

        /// <summary>Converts to int64.</summary>
        /// <returns>The converted tensor.</returns>
        public Tensor @long() => to(ScalarType.Int64);

        /// <summary>Converts to bool.</summary>
        /// <returns>The converted tensor.</returns>
        public Tensor @bool() => to(ScalarType.Bool);

        /// <summary>A tensor sharing storage with this one but outside the autograd graph.</summary>
        /// <returns>The detached tensor.</returns>
        public Tensor detach() => Call(DetachOp, this);

        /// <summary>A copy with its own storage; gradients flow back to this tensor.</summary>
        /// <returns>The copy.</returns>
        public Tensor clone()
        {
            var call = new OpCall();
            call.Tensor(this);
            call.None();
            return call.InvokeTensor(CloneOp);
        }
    }
}
