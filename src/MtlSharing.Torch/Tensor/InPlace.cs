using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp AddInPlaceTensorOp = new("aten::add_", "Tensor");
        private static readonly AtenOp AddInPlaceScalarOp = new("aten::add_", "Scalar");
        private static readonly AtenOp SubInPlaceTensorOp = new("aten::sub_", "Tensor");
        private static readonly AtenOp MulInPlaceTensorOp = new("aten::mul_", "Tensor");
        private static readonly AtenOp MulInPlaceScalarOp = new("aten::mul_", "Scalar");
        private static readonly AtenOp DivInPlaceTensorOp = new("aten::div_", "Tensor");
        private static readonly AtenOp DivInPlaceScalarOp = new("aten::div_", "Scalar");
        private static readonly AtenOp AddcmulInPlaceOp = new("aten::addcmul_");
        private static readonly AtenOp AddcdivInPlaceOp = new("aten::addcdiv_");
        private static readonly AtenOp LerpInPlaceOp = new("aten::lerp_", "Scalar");
        private static readonly AtenOp CopyInPlaceOp = new("aten::copy_");
        private static readonly AtenOp SetInPlaceOp = new("aten::set_", "source_Tensor");
        private static readonly AtenOp ZeroInPlaceOp = new("aten::zero_");
        private static readonly AtenOp FillInPlaceOp = new("aten::fill_", "Scalar");
        private static readonly AtenOp ClampInPlaceOp = new("aten::clamp_");
        private static readonly AtenOp SqrtInPlaceOp = new("aten::sqrt_");
        private static readonly AtenOp NegInPlaceOp = new("aten::neg_");
        private static readonly AtenOp ReluInPlaceOp = new("aten::relu_");
        private static readonly AtenOp UniformInPlaceOp = new("aten::uniform_");
        private static readonly AtenOp NormalInPlaceOp = new("aten::normal_");
        private static readonly AtenOp MaximumOutOp = new("aten::maximum", "out");

        /// <summary>In place: this += alpha × other.</summary>
        /// <param name="other">The tensor to add, broadcastable to this shape.</param>
        /// <param name="alpha">The multiplier of <paramref name="other"/>.</param>
        /// <returns>This tensor.</returns>
        public Tensor add_(Tensor other, double alpha = 1)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Double(alpha);
            call.Invoke(AddInPlaceTensorOp);
            return this;
        }

        /// <summary>In place: adds a scalar to every element.</summary>
        /// <param name="scalar">The value to add.</param>
        /// <returns>This tensor.</returns>
        public Tensor add_(double scalar)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Double(scalar);
            call.Int(1);
            call.Invoke(AddInPlaceScalarOp);
            return this;
        }

        /// <summary>In place: this −= alpha × other.</summary>
        /// <param name="other">The tensor to subtract.</param>
        /// <param name="alpha">The multiplier of <paramref name="other"/>.</param>
        /// <returns>This tensor.</returns>
        public Tensor sub_(Tensor other, double alpha = 1)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Double(alpha);
            call.Invoke(SubInPlaceTensorOp);
            return this;
        }

        /// <summary>In place: subtracts a scalar from every element.</summary>
        /// <param name="scalar">The value to subtract.</param>
        /// <returns>This tensor.</returns>
        public Tensor sub_(double scalar) => add_(-scalar);

        /// <summary>In place: element-wise product.</summary>
        /// <param name="other">The factor, broadcastable to this shape.</param>
        /// <returns>This tensor.</returns>
        public Tensor mul_(Tensor other) => InPlace(MulInPlaceTensorOp, other);

        /// <summary>In place: multiplies by a scalar.</summary>
        /// <param name="scalar">The factor.</param>
        /// <returns>This tensor.</returns>
        public Tensor mul_(double scalar) => InPlace(MulInPlaceScalarOp, scalar);

        /// <summary>In place: element-wise true division.</summary>
        /// <param name="other">The divisor, broadcastable to this shape.</param>
        /// <returns>This tensor.</returns>
        public Tensor div_(Tensor other) => InPlace(DivInPlaceTensorOp, other);

        /// <summary>In place: divides by a scalar.</summary>
        /// <param name="scalar">The divisor.</param>
        /// <returns>This tensor.</returns>
        public Tensor div_(double scalar) => InPlace(DivInPlaceScalarOp, scalar);

        /// <summary>In place: this += value × tensor1 × tensor2.</summary>
        /// <param name="tensor1">The first factor.</param>
        /// <param name="tensor2">The second factor.</param>
        /// <param name="value">The multiplier.</param>
        /// <returns>This tensor.</returns>
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1) => AddC(AddcmulInPlaceOp, tensor1, tensor2, value);

        /// <summary>In place: this += value × tensor1 / tensor2.</summary>
        /// <param name="tensor1">The numerator.</param>
        /// <param name="tensor2">The denominator.</param>
        /// <param name="value">The multiplier.</param>
        /// <returns>This tensor.</returns>
        public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1) => AddC(AddcdivInPlaceOp, tensor1, tensor2, value);

        /// <summary>In place: this += weight × (end − this).</summary>
        /// <param name="end">The target.</param>
        /// <param name="weight">The interpolation weight.</param>
        /// <returns>This tensor.</returns>
        public Tensor lerp_(Tensor end, double weight)
        {
            ArgumentNullException.ThrowIfNull(end);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(end);
            call.Double(weight);
            call.Invoke(LerpInPlaceOp);
            return this;
        }

        /// <summary>In place: copies the values of src (broadcast and converted as needed).</summary>
        /// <param name="src">The source tensor.</param>
        /// <returns>This tensor.</returns>
        public Tensor copy_(Tensor src)
        {
            ArgumentNullException.ThrowIfNull(src);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(src);
            call.Bool(false);
            call.Invoke(CopyInPlaceOp);
            return this;
        }

        /// <summary>
        /// In place: makes this tensor a view of the source's storage, with the source's shape and
        /// strides (the tensor object, and so a module's reference to it, stays the same). On a
        /// tensor that requires gradients, call it inside <see cref="no_grad"/>.
        /// </summary>
        /// <param name="source">The tensor whose storage and layout to take.</param>
        /// <returns>This tensor.</returns>
        public Tensor set_(Tensor source)
        {
            ArgumentNullException.ThrowIfNull(source);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(source);
            call.Invoke(SetInPlaceOp);
            return this;
        }

        /// <summary>In place: sets every element to zero.</summary>
        /// <returns>This tensor.</returns>
        public Tensor zero_() => InPlace(ZeroInPlaceOp);

        /// <summary>In place: sets every element to a value.</summary>
        /// <param name="value">The value.</param>
        /// <returns>This tensor.</returns>
        public Tensor fill_(double value) => InPlace(FillInPlaceOp, value);

        /// <summary>In place: limits every element to [min, max].</summary>
        /// <param name="min">The lower bound, or null.</param>
        /// <param name="max">The upper bound, or null.</param>
        /// <returns>This tensor.</returns>
        public Tensor clamp_(double? min = null, double? max = null)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.OptionalDouble(min);
            call.OptionalDouble(max);
            call.Invoke(ClampInPlaceOp);
            return this;
        }

        /// <summary>In place: square root.</summary>
        /// <returns>This tensor.</returns>
        public Tensor sqrt_() => InPlace(SqrtInPlaceOp);

        /// <summary>In place: negation.</summary>
        /// <returns>This tensor.</returns>
        public Tensor neg_() => InPlace(NegInPlaceOp);

        /// <summary>In place: max(0, x).</summary>
        /// <returns>This tensor.</returns>
        public Tensor relu_() => InPlace(ReluInPlaceOp);

        /// <summary>In place: element-wise maximum with another tensor of the same shape.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>This tensor.</returns>
        public Tensor maximum_(Tensor other)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Tensor(this);
            call.Invoke(MaximumOutOp);
            return this;
        }

        /// <summary>In place: fills with samples from U(from, to).</summary>
        /// <param name="from">The lower bound.</param>
        /// <param name="to">The upper bound.</param>
        /// <returns>This tensor.</returns>
        public Tensor uniform_(double from = 0, double to = 1) => Sample(UniformInPlaceOp, from, to);

        /// <summary>In place: fills with samples from N(mean, std²).</summary>
        /// <param name="mean">The mean.</param>
        /// <param name="std">The standard deviation.</param>
        /// <returns>This tensor.</returns>
        public Tensor normal_(double mean = 0, double std = 1) => Sample(NormalInPlaceOp, mean, std);

        private Tensor AddC(AtenOp op, Tensor tensor1, Tensor tensor2, double value)
        {
            ArgumentNullException.ThrowIfNull(tensor1);
            ArgumentNullException.ThrowIfNull(tensor2);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(tensor1);
            call.Tensor(tensor2);
            call.Double(value);
            call.Invoke(op);
            return this;
        }

        private Tensor Sample(AtenOp op, double a, double b)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Double(a);
            call.Double(b);
            call.None();
            call.Invoke(op);
            return this;
        }
    }
}
