using System.Runtime.CompilerServices;
using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp SumOp = new("aten::sum");
        private static readonly AtenOp SumDimOp = new("aten::sum", "dim_IntList");
        private static readonly AtenOp MeanOp = new("aten::mean");
        private static readonly AtenOp MeanDimOp = new("aten::mean", "dim");
        private static readonly AtenOp MaxOp = new("aten::max");
        private static readonly AtenOp MaxDimOp = new("aten::max", "dim");
        private static readonly AtenOp MinOp = new("aten::min");
        private static readonly AtenOp MinDimOp = new("aten::min", "dim");
        private static readonly AtenOp ArgmaxOp = new("aten::argmax");
        private static readonly AtenOp ArgminOp = new("aten::argmin");
        private static readonly AtenOp VarDimOp = new("aten::var", "dim");
        private static readonly AtenOp StdDimOp = new("aten::std", "dim");
        private static readonly AtenOp NormOp = new("aten::norm", "Scalar");
        private static readonly AtenOp NormDimOp = new("aten::norm", "ScalarOpt_dim");
        private static readonly AtenOp BincountOp = new("aten::bincount");
        private static readonly AtenOp ProdOp = new("aten::prod");
        private static readonly AtenOp AllOp = new("aten::all");
        private static readonly AtenOp AnyOp = new("aten::any");
        private static readonly AtenOp CumsumOp = new("aten::cumsum");
        private static readonly AtenOp LogsumexpOp = new("aten::logsumexp");

        /// <summary>The sum of all elements.</summary>
        /// <param name="type">The accumulation and result type; by default integers sum as int64.</param>
        /// <returns>A scalar tensor.</returns>
        /// <remarks>Ranked below <see cref="sum(long, bool)"/>, so <c>sum(0)</c> reduces dimension 0 instead of converting the literal 0 to <see cref="ScalarType.Byte"/>.</remarks>
        [OverloadResolutionPriority(-1)]
        public Tensor sum(ScalarType? type = null)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.OptionalInt((long?)type);
            return call.InvokeTensor(SumOp);
        }

        /// <summary>Sums over the given dimensions.</summary>
        /// <param name="dim">The dimensions to reduce.</param>
        /// <param name="keepdim">Keep reduced dimensions with size 1.</param>
        /// <param name="type">The accumulation and result type.</param>
        /// <returns>The reduced tensor.</returns>
        public Tensor sum(ReadOnlySpan<long> dim, bool keepdim = false, ScalarType? type = null) =>
            ReduceDims(SumDimOp, dim, keepdim, type);

        /// <summary>Sums over one dimension.</summary>
        /// <param name="dim">The dimension to reduce.</param>
        /// <param name="keepdim">Keep it with size 1.</param>
        /// <returns>The reduced tensor.</returns>
        public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);

        /// <summary>The mean of all elements.</summary>
        /// <returns>A scalar tensor.</returns>
        public Tensor mean()
        {
            var call = new OpCall();
            call.Tensor(this);
            call.None();
            return call.InvokeTensor(MeanOp);
        }

        /// <summary>Means over the given dimensions.</summary>
        /// <param name="dim">The dimensions to reduce.</param>
        /// <param name="keepdim">Keep reduced dimensions with size 1.</param>
        /// <returns>The reduced tensor.</returns>
        public Tensor mean(ReadOnlySpan<long> dim, bool keepdim = false) => ReduceDims(MeanDimOp, dim, keepdim, null);

        /// <summary>Means over one dimension.</summary>
        /// <param name="dim">The dimension to reduce.</param>
        /// <param name="keepdim">Keep it with size 1.</param>
        /// <returns>The reduced tensor.</returns>
        public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);

        /// <summary>The largest element.</summary>
        /// <returns>A scalar tensor.</returns>
        public Tensor max() => Call(MaxOp, this);

        /// <summary>The largest elements along a dimension and where they are.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="keepdim">Keep it with size 1.</param>
        /// <returns>The values and their int64 indices.</returns>
        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => ReducePair(MaxDimOp, dim, keepdim);

        /// <summary>The smallest element.</summary>
        /// <returns>A scalar tensor.</returns>
        public Tensor min() => Call(MinOp, this);

        /// <summary>The smallest elements along a dimension and where they are.</summary>
        /// <param name="dim">The dimension.</param>
        /// <param name="keepdim">Keep it with size 1.</param>
        /// <returns>The values and their int64 indices.</returns>
        public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => ReducePair(MinDimOp, dim, keepdim);

        /// <summary>The index of the largest element, in the flattened tensor or along a dimension.</summary>
        /// <param name="dim">The dimension, or null for the flattened tensor.</param>
        /// <param name="keepdim">Keep the dimension with size 1.</param>
        /// <returns>An int64 tensor.</returns>
        public Tensor argmax(long? dim = null, bool keepdim = false) => ArgReduce(ArgmaxOp, dim, keepdim);

        /// <summary>The index of the smallest element, in the flattened tensor or along a dimension.</summary>
        /// <param name="dim">The dimension, or null for the flattened tensor.</param>
        /// <param name="keepdim">Keep the dimension with size 1.</param>
        /// <returns>An int64 tensor.</returns>
        public Tensor argmin(long? dim = null, bool keepdim = false) => ArgReduce(ArgminOp, dim, keepdim);

        /// <summary>Variance over dimensions (all when null).</summary>
        /// <param name="dim">The dimensions, or null for all.</param>
        /// <param name="unbiased">Use Bessel's correction (divide by n − 1).</param>
        /// <param name="keepdim">Keep reduced dimensions with size 1.</param>
        /// <returns>The variance.</returns>
        public Tensor var(long[]? dim = null, bool unbiased = true, bool keepdim = false) => Spread(VarDimOp, dim, unbiased, keepdim);

        /// <summary>Standard deviation over dimensions (all when null).</summary>
        /// <param name="dim">The dimensions, or null for all.</param>
        /// <param name="unbiased">Use Bessel's correction (divide by n − 1).</param>
        /// <param name="keepdim">Keep reduced dimensions with size 1.</param>
        /// <returns>The standard deviation.</returns>
        public Tensor std(long[]? dim = null, bool unbiased = true, bool keepdim = false) => Spread(StdDimOp, dim, unbiased, keepdim);

        /// <summary>The p-norm of all elements.</summary>
        /// <param name="p">The order (default 2).</param>
        /// <returns>A scalar tensor.</returns>
        public Tensor norm(double p = 2) => Call(NormOp, this, p);

        /// <summary>The p-norm over the given dimensions.</summary>
        /// <param name="p">The order.</param>
        /// <param name="dim">The dimensions to reduce.</param>
        /// <param name="keepdim">Keep reduced dimensions with size 1.</param>
        /// <returns>The norms.</returns>
        public Tensor norm(double p, ReadOnlySpan<long> dim, bool keepdim = false)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Double(p);
            call.Ints(dim);
            call.Bool(keepdim);
            return call.InvokeTensor(NormDimOp);
        }

        /// <summary>Counts the occurrences of each value of a 1-D tensor of non-negative integers.</summary>
        /// <param name="weights">Optional weights of the same length: sums them instead of counting.</param>
        /// <param name="minlength">The least length of the result.</param>
        /// <returns>A tensor of length max(max value + 1, minlength): int64 counts, or sums of the weights.</returns>
        public Tensor bincount(Tensor? weights = null, long minlength = 0)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.OptionalTensor(weights);
            call.Int(minlength);
            return call.InvokeTensor(BincountOp);
        }

        /// <summary>The product of all elements.</summary>
        /// <returns>A scalar tensor.</returns>
        public Tensor prod()
        {
            var call = new OpCall();
            call.Tensor(this);
            call.None();
            return call.InvokeTensor(ProdOp);
        }

        /// <summary>Whether every element is true (non-zero).</summary>
        /// <returns>A bool scalar tensor.</returns>
        public Tensor all() => Call(AllOp, this);

        /// <summary>Whether any element is true (non-zero).</summary>
        /// <returns>A bool scalar tensor.</returns>
        public Tensor any() => Call(AnyOp, this);

        /// <summary>Cumulative sum along a dimension.</summary>
        /// <param name="dim">The dimension.</param>
        /// <returns>The running sums.</returns>
        public Tensor cumsum(long dim)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.None();
            return call.InvokeTensor(CumsumOp);
        }

        /// <summary>log(Σ exp(x)) along dimensions, computed stably.</summary>
        /// <param name="dim">The dimensions.</param>
        /// <param name="keepdim">Keep reduced dimensions with size 1.</param>
        /// <returns>The reduced tensor.</returns>
        public Tensor logsumexp(ReadOnlySpan<long> dim, bool keepdim = false)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Ints(dim);
            call.Bool(keepdim);
            return call.InvokeTensor(LogsumexpOp);
        }

        private Tensor ReduceDims(AtenOp op, ReadOnlySpan<long> dim, bool keepdim, ScalarType? type)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Ints(dim);
            call.Bool(keepdim);
            call.OptionalInt((long?)type);
            return call.InvokeTensor(op);
        }

        private (Tensor, Tensor) ReducePair(AtenOp op, long dim, bool keepdim)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Int(dim);
            call.Bool(keepdim);
            return call.InvokePair(op);
        }

        private Tensor ArgReduce(AtenOp op, long? dim, bool keepdim)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.OptionalInt(dim);
            call.Bool(keepdim);
            return call.InvokeTensor(op);
        }

        private Tensor Spread(AtenOp op, long[]? dim, bool unbiased, bool keepdim)
        {
            var call = new OpCall();
            call.Tensor(this);
            if (dim is null)
            {
                call.None();
            }
            else
            {
                call.Ints(dim);
            }

            call.Bool(unbiased);
            call.Bool(keepdim);
            return call.InvokeTensor(op);
        }
    }
}
