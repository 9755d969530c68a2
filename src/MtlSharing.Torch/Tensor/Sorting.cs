using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp TopkOp = new("aten::topk");
        private static readonly AtenOp SortOp = new("aten::sort");
        private static readonly AtenOp ArgsortOp = new("aten::argsort");

        /// <summary>The k largest (or smallest) elements along a dimension.</summary>
        /// <param name="k">How many.</param>
        /// <param name="dim">The dimension (default the last).</param>
        /// <param name="largest">Largest when true, smallest when false.</param>
        /// <param name="sorted">Return them in sorted order.</param>
        /// <returns>The values and their int64 indices.</returns>
        public (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(k);
            call.Int(dim);
            call.Bool(largest);
            call.Bool(sorted);
            return call.InvokePair(TopkOp);
        }

        /// <summary>Sorts along a dimension.</summary>
        /// <param name="dim">The dimension (default the last).</param>
        /// <param name="descending">Largest first when true.</param>
        /// <returns>The sorted values and their original int64 indices.</returns>
        public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Bool(descending);
            return call.InvokePair(SortOp);
        }

        /// <summary>The indices that sort the elements along a dimension.</summary>
        /// <param name="dim">The dimension (default the last).</param>
        /// <param name="descending">Largest first when true.</param>
        /// <returns>An int64 tensor of indices.</returns>
        public Tensor argsort(long dim = -1, bool descending = false)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Bool(descending);
            return call.InvokeTensor(ArgsortOp);
        }
    }
}
