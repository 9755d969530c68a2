using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp MatmulOp = new("aten::matmul");
        private static readonly AtenOp MmOp = new("aten::mm");
        private static readonly AtenOp BmmOp = new("aten::bmm");
        private static readonly AtenOp DotOp = new("aten::dot");
        private static readonly AtenOp OuterOp = new("aten::outer");

        /// <summary>Matrix product with NumPy's broadcasting rules.</summary>
        /// <param name="other">The right operand.</param>
        /// <returns>this @ other.</returns>
        public Tensor matmul(Tensor other) => Call(MatmulOp, this, other);

        /// <summary>Product of two matrices.</summary>
        /// <param name="other">The right matrix.</param>
        /// <returns>this @ other.</returns>
        public Tensor mm(Tensor other) => Call(MmOp, this, other);

        /// <summary>Batched matrix product of two 3-D tensors.</summary>
        /// <param name="other">The right batch.</param>
        /// <returns>this @ other per batch entry.</returns>
        public Tensor bmm(Tensor other) => Call(BmmOp, this, other);

        /// <summary>Dot product of two 1-D tensors.</summary>
        /// <param name="other">The other vector.</param>
        /// <returns>A scalar tensor.</returns>
        public Tensor dot(Tensor other) => Call(DotOp, this, other);

        /// <summary>Outer product of two 1-D tensors.</summary>
        /// <param name="other">The other vector.</param>
        /// <returns>A matrix.</returns>
        public Tensor outer(Tensor other) => Call(OuterOp, this, other);
    }

    private static readonly AtenOp EinsumOp = new("aten::einsum");

    /// <summary>Sums products of the operands' elements as an Einstein-summation equation says, e.g. "ij,jk->ik".</summary>
    /// <param name="equation">Subscripts of each operand, comma separated, optionally "->" and the output subscripts.</param>
    /// <param name="operands">The tensors, one per subscript group.</param>
    /// <returns>The result.</returns>
    public static Tensor einsum(string equation, params Tensor[] operands)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(operands);
        var call = new OpCall();
        call.String(equation);
        call.Tensors(operands);
        call.None();
        return call.InvokeTensor(EinsumOp);
    }
}
