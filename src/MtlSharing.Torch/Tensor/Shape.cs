using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp ReshapeOp = new("aten::reshape");
        private static readonly AtenOp ViewOp = new("aten::view");
        private static readonly AtenOp PermuteOp = new("aten::permute");
        private static readonly AtenOp ContiguousOp = new("aten::contiguous");
        private static readonly AtenOp FlattenOp = new("aten::flatten", "using_ints");
        private static readonly AtenOp SqueezeOp = new("aten::squeeze");
        private static readonly AtenOp SqueezeDimOp = new("aten::squeeze", "dim");
        private static readonly AtenOp UnsqueezeOp = new("aten::unsqueeze");
        private static readonly AtenOp TransposeOp = new("aten::transpose", "int");
        private static readonly AtenOp TOp = new("aten::t");
        private static readonly AtenOp ExpandOp = new("aten::expand");
        private static readonly AtenOp RepeatOp = new("aten::repeat");
        private static readonly AtenOp SplitOp = new("aten::split", "Tensor");
        private static readonly AtenOp SplitSizesOp = new("aten::split_with_sizes");
        private static readonly AtenOp ChunkOp = new("aten::chunk");
        private static readonly AtenOp UnbindOp = new("aten::unbind", "int");
        private static readonly AtenOp FlipOp = new("aten::flip");

        /// <summary>The same elements in another shape; one dimension may be −1. Copies only when it must.</summary>
        /// <param name="shape">The new shape.</param>
        /// <returns>The reshaped tensor.</returns>
        public Tensor reshape(params long[] shape) => WithShape(ReshapeOp, shape);

        /// <summary>A view with another shape over the same storage; one dimension may be −1.</summary>
        /// <param name="shape">The new shape.</param>
        /// <returns>The view.</returns>
        public Tensor view(params long[] shape) => WithShape(ViewOp, shape);

        /// <summary>Reorders the dimensions.</summary>
        /// <param name="permutation">The new order of the existing dimensions.</param>
        /// <returns>A view with permuted dimensions.</returns>
        public Tensor permute(params long[] permutation) => WithShape(PermuteOp, permutation);

        /// <summary>A tensor with the same values laid out contiguously (this one if already so).</summary>
        /// <returns>A contiguous tensor.</returns>
        public Tensor contiguous() => contiguous(MemoryFormat.Contiguous);

        /// <summary>
        /// A tensor with the same values laid out in a memory format (this one if already so), such
        /// as <see cref="MemoryFormat.ChannelsLast"/> for a 4-D tensor. Shape and values do not change.
        /// </summary>
        /// <param name="memory_format">The layout; channels last needs a 4-D tensor, channels last 3d a 5-D one.</param>
        /// <returns>The tensor in that layout.</returns>
        /// <exception cref="TorchException">The layout does not fit the tensor's rank.</exception>
        public Tensor contiguous(MemoryFormat memory_format)
        {
            if (!Enum.IsDefined(memory_format) || memory_format == MemoryFormat.Preserve)
            {
                throw new ArgumentException($"contiguous needs Contiguous, ChannelsLast or ChannelsLast3d; got {memory_format}", nameof(memory_format));
            }

            var call = new OpCall();
            call.Tensor(this);
            call.Int((long)memory_format);
            return call.InvokeTensor(ContiguousOp);
        }

        /// <summary>Whether the elements are laid out contiguously in row-major order.</summary>
        /// <returns>True when contiguous.</returns>
        public bool is_contiguous()
        {
            var result = NativeMethods.mts_tensor_is_contiguous(Handle) != 0;
            GC.KeepAlive(this);
            return result;
        }

        /// <summary>Flattens the dimensions from start_dim to end_dim into one.</summary>
        /// <param name="start_dim">The first dimension to flatten.</param>
        /// <param name="end_dim">The last dimension to flatten.</param>
        /// <returns>The flattened tensor.</returns>
        public Tensor flatten(long start_dim = 0, long end_dim = -1)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(start_dim);
            call.Int(end_dim);
            return call.InvokeTensor(FlattenOp);
        }

        /// <summary>Removes dimensions of size 1 (only <paramref name="dim"/> when given).</summary>
        /// <param name="dim">The dimension to remove, or null for all of size 1.</param>
        /// <returns>The squeezed view.</returns>
        public Tensor squeeze(long? dim = null) => dim is { } d ? Call(SqueezeDimOp, this, d) : Call(SqueezeOp, this);

        /// <summary>Inserts a dimension of size 1.</summary>
        /// <param name="dim">Where to insert it.</param>
        /// <returns>The view.</returns>
        public Tensor unsqueeze(long dim) => Call(UnsqueezeOp, this, dim);

        /// <summary>Swaps two dimensions.</summary>
        /// <param name="dim0">The first dimension.</param>
        /// <param name="dim1">The second dimension.</param>
        /// <returns>The transposed view.</returns>
        public Tensor transpose(long dim0, long dim1)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim0);
            call.Int(dim1);
            return call.InvokeTensor(TransposeOp);
        }

        /// <summary>Transposes a matrix (a 0-D or 1-D tensor is returned as is).</summary>
        /// <returns>The transposed view.</returns>
        public Tensor t() => Call(TOp, this);

        /// <summary>Broadcasts size-1 dimensions to a larger shape without copying; −1 keeps a size.</summary>
        /// <param name="sizes">The target shape.</param>
        /// <returns>The expanded view.</returns>
        public Tensor expand(params long[] sizes)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Ints(sizes);
            call.Bool(false);
            return call.InvokeTensor(ExpandOp);
        }

        /// <summary>Tiles the tensor along each dimension.</summary>
        /// <param name="repeats">The number of copies per dimension.</param>
        /// <returns>The tiled tensor.</returns>
        public Tensor repeat(params long[] repeats) => WithShape(RepeatOp, repeats);

        /// <summary>Splits into pieces of a given size along a dimension (the last may be smaller).</summary>
        /// <param name="size">The size of each piece.</param>
        /// <param name="dim">The dimension.</param>
        /// <returns>The pieces, as views.</returns>
        public Tensor[] split(long size, long dim = 0)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(size);
            call.Int(dim);
            return call.InvokeTensors(SplitOp, PieceCount(size, dim));
        }

        /// <summary>Splits into pieces of the given sizes along a dimension.</summary>
        /// <param name="sizes">The size of each piece; they must add up to the dimension's size.</param>
        /// <param name="dim">The dimension.</param>
        /// <returns>The pieces, as views.</returns>
        public Tensor[] split(long[] sizes, long dim = 0)
        {
            ArgumentNullException.ThrowIfNull(sizes);
            var call = new OpCall();
            call.Tensor(this);
            call.Ints(sizes);
            call.Int(dim);
            return call.InvokeTensors(SplitSizesOp, sizes.Length);
        }

        /// <summary>Splits into a number of nearly equal pieces along a dimension.</summary>
        /// <param name="chunks">The number of pieces.</param>
        /// <param name="dim">The dimension.</param>
        /// <returns>The pieces, as views.</returns>
        public Tensor[] chunk(long chunks, long dim = 0)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(chunks);
            call.Int(dim);
            return call.InvokeTensors(ChunkOp, (int)Math.Max(chunks, 1));
        }

        /// <summary>Removes a dimension, returning the slices along it.</summary>
        /// <param name="dim">The dimension.</param>
        /// <returns>One view per index of the dimension.</returns>
        public Tensor[] unbind(long dim = 0)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            return call.InvokeTensors(UnbindOp, PieceCount(1, dim));
        }

        /// <summary>Reverses the order of elements along the given dimensions.</summary>
        /// <param name="dims">The dimensions to reverse.</param>
        /// <returns>A new tensor.</returns>
        public Tensor flip(params long[] dims) => WithShape(FlipOp, dims);

        private int PieceCount(long size, long dim)
        {
            var s = shape;
            var d = dim < 0 ? dim + s.Length : dim;
            var length = d >= 0 && d < s.Length ? s[d] : 1;
            return size > 0 ? (int)Math.Max(1, (length + size - 1) / size) : 1;
        }

        private Tensor WithShape(AtenOp op, long[] values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var call = new OpCall();
            call.Tensor(this);
            call.Ints(values);
            return call.InvokeTensor(op);
        }
    }

    private static readonly AtenOp CatOp = new("aten::cat");
    private static readonly AtenOp StackOp = new("aten::stack");
    private static readonly AtenOp WhereOp = new("aten::where", "self");

    /// <summary>Concatenates tensors along an existing dimension.</summary>
    /// <param name="tensors">Tensors of equal shape except along <paramref name="dim"/>.</param>
    /// <param name="dim">The dimension.</param>
    /// <returns>The concatenation.</returns>
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var call = new Native.OpCall();
        call.Tensors(tensors);
        call.Int(dim);
        return call.InvokeTensor(CatOp);
    }

    /// <summary>Stacks tensors of equal shape along a new dimension.</summary>
    /// <param name="tensors">Tensors of equal shape.</param>
    /// <param name="dim">Where the new dimension goes.</param>
    /// <returns>The stacked tensor.</returns>
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var call = new Native.OpCall();
        call.Tensors(tensors);
        call.Int(dim);
        return call.InvokeTensor(StackOp);
    }

    /// <summary>Picks from x where condition is true and from y elsewhere, with broadcasting.</summary>
    /// <param name="condition">A bool tensor.</param>
    /// <param name="x">Values where true.</param>
    /// <param name="y">Values where false.</param>
    /// <returns>The merged tensor.</returns>
    public static Tensor where(Tensor condition, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var call = new Native.OpCall();
        call.Tensor(condition);
        call.Tensor(x);
        call.Tensor(y);
        return call.InvokeTensor(WhereOp);
    }
}
