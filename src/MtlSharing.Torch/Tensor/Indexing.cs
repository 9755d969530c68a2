using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp NarrowOp = new("aten::narrow");
        private static readonly AtenOp SelectOp = new("aten::select", "int");
        private static readonly AtenOp SliceOp = new("aten::slice", "Tensor");
        private static readonly AtenOp IndexSelectOp = new("aten::index_select");
        private static readonly AtenOp IndexAddOp = new("aten::index_add");
        private static readonly AtenOp IndexAddInPlaceOp = new("aten::index_add_");
        private static readonly AtenOp IndexOp = new("aten::index", "Tensor");
        private static readonly AtenOp MaskedFillOp = new("aten::masked_fill", "Scalar");
        private static readonly AtenOp MaskedFillInPlaceOp = new("aten::masked_fill_", "Scalar");
        private static readonly AtenOp MaskedSelectOp = new("aten::masked_select");
        private static readonly AtenOp GatherOp = new("aten::gather");
        private static readonly AtenOp ScatterOp = new("aten::scatter", "src");
        private static readonly AtenOp NonzeroOp = new("aten::nonzero");

        /// <summary>The elements start … start+length−1 along a dimension, as a view.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="start">The first index.</param>
        /// <param name="length">How many.</param>
        /// <returns>The view.</returns>
        public Tensor narrow(long dim, long start, long length)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Int(start);
            call.Int(length);
            return call.InvokeTensor(NarrowOp);
        }

        /// <summary>One index along a dimension, removing that dimension.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="index">The index (negative counts from the end).</param>
        /// <returns>The view.</returns>
        public Tensor select(long dim, long index)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Int(index);
            return call.InvokeTensor(SelectOp);
        }

        /// <summary>Indices start, start+step, … before end along a dimension, as a view.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="start">The first index.</param>
        /// <param name="end">The exclusive end.</param>
        /// <param name="step">The step.</param>
        /// <returns>The view.</returns>
        public Tensor slice(long dim, long start, long end, long step = 1)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Int(start);
            call.Int(end);
            call.Int(step);
            return call.InvokeTensor(SliceOp);
        }

        /// <summary>The sub-tensor at an index of the first dimension.</summary>
        /// <param name="index">The index.</param>
        /// <returns>The view.</returns>
        public Tensor this[long index] => select(0, index);

        /// <summary>The sub-tensor at indices of the leading dimensions.</summary>
        /// <param name="i0">The index in dimension 0.</param>
        /// <param name="i1">The index in dimension 1.</param>
        /// <returns>The view.</returns>
        public Tensor this[long i0, long i1]
        {
            get
            {
                using var row = select(0, i0);
                return row.select(0, i1);
            }
        }

        /// <summary>Rows picked by an index tensor along a dimension.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="index">A 1-D int64 tensor of indices.</param>
        /// <returns>A new tensor.</returns>
        public Tensor index_select(long dim, Tensor index)
        {
            ArgumentNullException.ThrowIfNull(index);
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Tensor(index);
            return call.InvokeTensor(IndexSelectOp);
        }

        /// <summary>Adds alpha × source into the rows named by index along a dimension.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="index">A 1-D int64 tensor of row indices.</param>
        /// <param name="source">The rows to add.</param>
        /// <param name="alpha">The multiplier of source.</param>
        /// <returns>A new tensor.</returns>
        public Tensor index_add(long dim, Tensor index, Tensor source, double alpha = 1)
        {
            ArgumentNullException.ThrowIfNull(index);
            ArgumentNullException.ThrowIfNull(source);
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Tensor(index);
            call.Tensor(source);
            call.Double(alpha);
            return call.InvokeTensor(IndexAddOp);
        }

        /// <summary>In place: adds alpha × source into the rows named by index along a dimension.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="index">A 1-D int64 tensor of row indices.</param>
        /// <param name="source">The rows to add.</param>
        /// <param name="alpha">The multiplier of source.</param>
        /// <returns>This tensor.</returns>
        public Tensor index_add_(long dim, Tensor index, Tensor source, double alpha = 1)
        {
            ArgumentNullException.ThrowIfNull(index);
            ArgumentNullException.ThrowIfNull(source);
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Tensor(index);
            call.Tensor(source);
            call.Double(alpha);
            call.Invoke(IndexAddInPlaceOp);
            return this;
        }

        /// <summary>Elements where a bool mask is true, flattened into one dimension.</summary>
        /// <param name="mask">A bool tensor broadcastable to this shape.</param>
        /// <returns>A 1-D tensor.</returns>
        public Tensor masked_select(Tensor mask) => Call(MaskedSelectOp, this, mask);

        /// <summary>Indexes the first dimension with an int64 index tensor or a bool mask.</summary>
        /// <param name="indices">An int64 tensor of indices or a bool mask.</param>
        /// <returns>A new tensor.</returns>
        public Tensor index(Tensor indices)
        {
            ArgumentNullException.ThrowIfNull(indices);
            var call = new OpCall();
            call.Tensor(this);
            call.OptionalTensors([indices]);
            return call.InvokeTensor(IndexOp);
        }

        /// <summary>Replaces the elements where a bool mask is true with a value.</summary>
        /// <param name="mask">A bool tensor broadcastable to this shape.</param>
        /// <param name="value">The fill value.</param>
        /// <returns>A new tensor.</returns>
        public Tensor masked_fill(Tensor mask, double value)
        {
            ArgumentNullException.ThrowIfNull(mask);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(mask);
            call.Double(value);
            return call.InvokeTensor(MaskedFillOp);
        }

        /// <summary>In place: replaces the elements where a bool mask is true with a value.</summary>
        /// <param name="mask">A bool tensor broadcastable to this shape.</param>
        /// <param name="value">The fill value.</param>
        /// <returns>This tensor.</returns>
        public Tensor masked_fill_(Tensor mask, double value)
        {
            ArgumentNullException.ThrowIfNull(mask);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(mask);
            call.Double(value);
            call.Invoke(MaskedFillInPlaceOp);
            return this;
        }

        /// <summary>Gathers values along a dimension at the positions given by index.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="index">An int64 tensor of positions.</param>
        /// <returns>A tensor shaped like index.</returns>
        public Tensor gather(long dim, Tensor index)
        {
            ArgumentNullException.ThrowIfNull(index);
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Tensor(index);
            call.Bool(false);
            return call.InvokeTensor(GatherOp);
        }

        /// <summary>Writes src values into a copy at the positions given by index along a dimension.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="index">An int64 tensor of positions.</param>
        /// <param name="src">The values to write.</param>
        /// <returns>A new tensor.</returns>
        public Tensor scatter(long dim, Tensor index, Tensor src)
        {
            ArgumentNullException.ThrowIfNull(index);
            ArgumentNullException.ThrowIfNull(src);
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Tensor(index);
            call.Tensor(src);
            return call.InvokeTensor(ScatterOp);
        }

        /// <summary>The indices of non-zero elements, one row per element.</summary>
        /// <returns>An int64 tensor of shape [n, ndim].</returns>
        public Tensor nonzero() => Call(NonzeroOp, this);
    }
}
