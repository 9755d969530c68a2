using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp EqTensorOp = new("aten::eq", "Tensor");
        private static readonly AtenOp EqScalarOp = new("aten::eq", "Scalar");
        private static readonly AtenOp NeTensorOp = new("aten::ne", "Tensor");
        private static readonly AtenOp NeScalarOp = new("aten::ne", "Scalar");
        private static readonly AtenOp LtTensorOp = new("aten::lt", "Tensor");
        private static readonly AtenOp LtScalarOp = new("aten::lt", "Scalar");
        private static readonly AtenOp LeTensorOp = new("aten::le", "Tensor");
        private static readonly AtenOp LeScalarOp = new("aten::le", "Scalar");
        private static readonly AtenOp GtTensorOp = new("aten::gt", "Tensor");
        private static readonly AtenOp GtScalarOp = new("aten::gt", "Scalar");
        private static readonly AtenOp GeTensorOp = new("aten::ge", "Tensor");
        private static readonly AtenOp GeScalarOp = new("aten::ge", "Scalar");
        private static readonly AtenOp LogicalNotOp = new("aten::logical_not");
        private static readonly AtenOp LogicalAndOp = new("aten::logical_and");
        private static readonly AtenOp LogicalOrOp = new("aten::logical_or");
        private static readonly AtenOp IsNanOp = new("aten::isnan");
        private static readonly AtenOp AllcloseOp = new("aten::allclose");
        private static readonly AtenOp EqualOp = new("aten::equal");

        /// <summary>Element-wise equality, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor eq(Tensor other) => Call(EqTensorOp, this, other);

        /// <summary>Element-wise equality with a scalar.</summary>
        /// <param name="other">The scalar.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor eq(double other) => Call(EqScalarOp, this, other);

        /// <summary>Element-wise inequality, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor ne(Tensor other) => Call(NeTensorOp, this, other);

        /// <summary>Element-wise inequality with a scalar.</summary>
        /// <param name="other">The scalar.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor ne(double other) => Call(NeScalarOp, this, other);

        /// <summary>Element-wise less-than, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor lt(Tensor other) => Call(LtTensorOp, this, other);

        /// <summary>Element-wise less-than a scalar.</summary>
        /// <param name="other">The scalar.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor lt(double other) => Call(LtScalarOp, this, other);

        /// <summary>Element-wise less-or-equal, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor le(Tensor other) => Call(LeTensorOp, this, other);

        /// <summary>Element-wise less-or-equal a scalar.</summary>
        /// <param name="other">The scalar.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor le(double other) => Call(LeScalarOp, this, other);

        /// <summary>Element-wise greater-than, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor gt(Tensor other) => Call(GtTensorOp, this, other);

        /// <summary>Element-wise greater-than a scalar.</summary>
        /// <param name="other">The scalar.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor gt(double other) => Call(GtScalarOp, this, other);

        /// <summary>Element-wise greater-or-equal, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor ge(Tensor other) => Call(GeTensorOp, this, other);

        /// <summary>Element-wise greater-or-equal a scalar.</summary>
        /// <param name="other">The scalar.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor ge(double other) => Call(GeScalarOp, this, other);

        /// <summary>Element-wise logical not.</summary>
        /// <returns>A bool tensor.</returns>
        public Tensor logical_not() => Call(LogicalNotOp, this);

        /// <summary>Element-wise logical and.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor logical_and(Tensor other) => Call(LogicalAndOp, this, other);

        /// <summary>Element-wise logical or.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>A bool tensor.</returns>
        public Tensor logical_or(Tensor other) => Call(LogicalOrOp, this, other);

        /// <summary>Marks NaN elements.</summary>
        /// <returns>A bool tensor.</returns>
        public Tensor isnan() => Call(IsNanOp, this);

        /// <summary>Element-wise less-than, with broadcasting.</summary>
        public static Tensor operator <(Tensor left, Tensor right) => left.lt(right);

        /// <summary>Element-wise greater-than, with broadcasting.</summary>
        public static Tensor operator >(Tensor left, Tensor right) => left.gt(right);

        /// <summary>Element-wise less-or-equal, with broadcasting.</summary>
        public static Tensor operator <=(Tensor left, Tensor right) => left.le(right);

        /// <summary>Element-wise greater-or-equal, with broadcasting.</summary>
        public static Tensor operator >=(Tensor left, Tensor right) => left.ge(right);

        /// <summary>Element-wise less-than a scalar.</summary>
        public static Tensor operator <(Tensor left, double right) => left.lt(right);

        /// <summary>Element-wise greater-than a scalar.</summary>
        public static Tensor operator >(Tensor left, double right) => left.gt(right);

        /// <summary>Element-wise less-or-equal a scalar.</summary>
        public static Tensor operator <=(Tensor left, double right) => left.le(right);

        /// <summary>Element-wise greater-or-equal a scalar.</summary>
        public static Tensor operator >=(Tensor left, double right) => left.ge(right);

        /// <summary>Whether all elements are close: |this − other| ≤ atol + rtol × |other|.</summary>
        /// <param name="other">The other tensor.</param>
        /// <param name="rtol">The relative tolerance.</param>
        /// <param name="atol">The absolute tolerance.</param>
        /// <param name="equal_nan">Whether NaNs compare equal.</param>
        /// <returns>True when every element is close.</returns>
        public bool allclose(Tensor other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Double(rtol);
            call.Double(atol);
            call.Bool(equal_nan);
            return call.InvokeNumber(AllcloseOp) != 0;
        }

        /// <summary>Whether both tensors have the same shape and elements.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>True when equal.</returns>
        public bool equal(Tensor other)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            return call.InvokeNumber(EqualOp) != 0;
        }
    }
}
