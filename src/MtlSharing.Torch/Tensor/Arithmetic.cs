using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static readonly AtenOp AddTensorOp = new("aten::add", "Tensor");
        private static readonly AtenOp AddScalarOp = new("aten::add", "Scalar");
        private static readonly AtenOp SubTensorOp = new("aten::sub", "Tensor");
        private static readonly AtenOp SubScalarOp = new("aten::sub", "Scalar");
        private static readonly AtenOp RsubScalarOp = new("aten::rsub", "Scalar");
        private static readonly AtenOp MulTensorOp = new("aten::mul", "Tensor");
        private static readonly AtenOp MulScalarOp = new("aten::mul", "Scalar");
        private static readonly AtenOp DivTensorOp = new("aten::div", "Tensor");
        private static readonly AtenOp DivScalarOp = new("aten::div", "Scalar");
        private static readonly AtenOp NegOp = new("aten::neg");
        private static readonly AtenOp AbsOp = new("aten::abs");
        private static readonly AtenOp ExpOp = new("aten::exp");
        private static readonly AtenOp LogOp = new("aten::log");
        private static readonly AtenOp Log1pOp = new("aten::log1p");
        private static readonly AtenOp SqrtOp = new("aten::sqrt");
        private static readonly AtenOp RsqrtOp = new("aten::rsqrt");
        private static readonly AtenOp SquareOp = new("aten::square");
        private static readonly AtenOp ReciprocalOp = new("aten::reciprocal");
        private static readonly AtenOp SignOp = new("aten::sign");
        private static readonly AtenOp FloorOp = new("aten::floor");
        private static readonly AtenOp RoundOp = new("aten::round");
        private static readonly AtenOp SigmoidOp = new("aten::sigmoid");
        private static readonly AtenOp TanhOp = new("aten::tanh");
        private static readonly AtenOp SinOp = new("aten::sin");
        private static readonly AtenOp CosOp = new("aten::cos");
        private static readonly AtenOp PowScalarOp = new("aten::pow", "Tensor_Scalar");
        private static readonly AtenOp PowTensorOp = new("aten::pow", "Tensor_Tensor");
        private static readonly AtenOp ClampOp = new("aten::clamp");
        private static readonly AtenOp MaximumOp = new("aten::maximum");
        private static readonly AtenOp MinimumOp = new("aten::minimum");

        /// <summary>Adds another tensor, with broadcasting: this + alpha × other.</summary>
        /// <param name="other">The tensor to add.</param>
        /// <param name="alpha">The multiplier of <paramref name="other"/>.</param>
        /// <returns>The sum.</returns>
        public Tensor add(Tensor other, double alpha = 1)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Double(alpha);
            return call.InvokeTensor(AddTensorOp);
        }

        /// <summary>Adds a scalar to every element.</summary>
        /// <param name="scalar">The value to add.</param>
        /// <returns>The sum.</returns>
        public Tensor add(double scalar)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Double(scalar);
            call.Int(1);
            return call.InvokeTensor(AddScalarOp);
        }

        /// <summary>Subtracts another tensor, with broadcasting: this − alpha × other.</summary>
        /// <param name="other">The tensor to subtract.</param>
        /// <param name="alpha">The multiplier of <paramref name="other"/>.</param>
        /// <returns>The difference.</returns>
        public Tensor sub(Tensor other, double alpha = 1)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Double(alpha);
            return call.InvokeTensor(SubTensorOp);
        }

        /// <summary>Subtracts a scalar from every element.</summary>
        /// <param name="scalar">The value to subtract.</param>
        /// <returns>The difference.</returns>
        public Tensor sub(double scalar)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Double(scalar);
            call.Int(1);
            return call.InvokeTensor(SubScalarOp);
        }

        /// <summary>Multiplies element-wise, with broadcasting.</summary>
        /// <param name="other">The other factor.</param>
        /// <returns>The product.</returns>
        public Tensor mul(Tensor other) => Call(MulTensorOp, this, other);

        /// <summary>Multiplies every element by a scalar.</summary>
        /// <param name="scalar">The factor.</param>
        /// <returns>The product.</returns>
        public Tensor mul(double scalar) => Call(MulScalarOp, this, scalar);

        /// <summary>Divides element-wise, with broadcasting (true division).</summary>
        /// <param name="other">The divisor.</param>
        /// <returns>The quotient.</returns>
        public Tensor div(Tensor other) => Call(DivTensorOp, this, other);

        /// <summary>Divides every element by a scalar (true division).</summary>
        /// <param name="scalar">The divisor.</param>
        /// <returns>The quotient.</returns>
        public Tensor div(double scalar) => Call(DivScalarOp, this, scalar);

        /// <summary>Negates every element.</summary>
        /// <returns>−this.</returns>
        public Tensor neg() => Call(NegOp, this);

        /// <summary>Absolute values.</summary>
        /// <returns>|this|.</returns>
        public Tensor abs() => Call(AbsOp, this);

        /// <summary>Exponential.</summary>
        /// <returns>e^this.</returns>
        public Tensor exp() => Call(ExpOp, this);

        /// <summary>Natural logarithm.</summary>
        /// <returns>ln(this).</returns>
        public Tensor log() => Call(LogOp, this);

        /// <summary>ln(1 + x), accurate for small x.</summary>
        /// <returns>ln(1 + this).</returns>
        public Tensor log1p() => Call(Log1pOp, this);

        /// <summary>Square root.</summary>
        /// <returns>√this.</returns>
        public Tensor sqrt() => Call(SqrtOp, this);

        /// <summary>Reciprocal square root.</summary>
        /// <returns>1/√this.</returns>
        public Tensor rsqrt() => Call(RsqrtOp, this);

        /// <summary>Squares every element.</summary>
        /// <returns>this².</returns>
        public Tensor square() => Call(SquareOp, this);

        /// <summary>Reciprocal.</summary>
        /// <returns>1/this.</returns>
        public Tensor reciprocal() => Call(ReciprocalOp, this);

        /// <summary>Sign: −1, 0 or 1.</summary>
        /// <returns>sign(this).</returns>
        public Tensor sign() => Call(SignOp, this);

        /// <summary>Rounds down.</summary>
        /// <returns>⌊this⌋.</returns>
        public Tensor floor() => Call(FloorOp, this);

        /// <summary>Rounds half to even.</summary>
        /// <returns>round(this).</returns>
        public Tensor round() => Call(RoundOp, this);

        /// <summary>Logistic sigmoid.</summary>
        /// <returns>1/(1 + e^−this).</returns>
        public Tensor sigmoid() => Call(SigmoidOp, this);

        /// <summary>Hyperbolic tangent.</summary>
        /// <returns>tanh(this).</returns>
        public Tensor tanh() => Call(TanhOp, this);

        /// <summary>Sine.</summary>
        /// <returns>sin(this).</returns>
        public Tensor sin() => Call(SinOp, this);

        /// <summary>Cosine.</summary>
        /// <returns>cos(this).</returns>
        public Tensor cos() => Call(CosOp, this);

        /// <summary>Raises every element to a power.</summary>
        /// <param name="exponent">The exponent.</param>
        /// <returns>this^exponent.</returns>
        public Tensor pow(double exponent) => Call(PowScalarOp, this, exponent);

        /// <summary>Raises element-wise to powers, with broadcasting.</summary>
        /// <param name="exponent">The exponents.</param>
        /// <returns>this^exponent.</returns>
        public Tensor pow(Tensor exponent) => Call(PowTensorOp, this, exponent);

        /// <summary>Limits every element to [min, max]; a null bound is open.</summary>
        /// <param name="min">The lower bound.</param>
        /// <param name="max">The upper bound.</param>
        /// <returns>The clamped tensor.</returns>
        public Tensor clamp(double? min = null, double? max = null)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.OptionalDouble(min);
            call.OptionalDouble(max);
            return call.InvokeTensor(ClampOp);
        }

        /// <summary>Element-wise maximum, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>max(this, other).</returns>
        public Tensor maximum(Tensor other) => Call(MaximumOp, this, other);

        /// <summary>Element-wise minimum, with broadcasting.</summary>
        /// <param name="other">The other tensor.</param>
        /// <returns>min(this, other).</returns>
        public Tensor minimum(Tensor other) => Call(MinimumOp, this, other);

        /// <summary>Element-wise sum with broadcasting.</summary>
        public static Tensor operator +(Tensor left, Tensor right) => left.add(right);

        /// <summary>Adds a scalar.</summary>
        public static Tensor operator +(Tensor left, double right) => left.add(right);

        /// <summary>Adds a scalar.</summary>
        public static Tensor operator +(double left, Tensor right) => right.add(left);

        /// <summary>Element-wise difference with broadcasting.</summary>
        public static Tensor operator -(Tensor left, Tensor right) => left.sub(right);

        /// <summary>Subtracts a scalar.</summary>
        public static Tensor operator -(Tensor left, double right) => left.sub(right);

        /// <summary>Subtracts from a scalar.</summary>
        public static Tensor operator -(double left, Tensor right)
        {
            var call = new OpCall();
            call.Tensor(right);
            call.Double(left);
            call.Int(1);
            return call.InvokeTensor(RsubScalarOp);
        }

        /// <summary>Negation.</summary>
        public static Tensor operator -(Tensor operand) => operand.neg();

        /// <summary>Element-wise product with broadcasting.</summary>
        public static Tensor operator *(Tensor left, Tensor right) => left.mul(right);

        /// <summary>Multiplies by a scalar.</summary>
        public static Tensor operator *(Tensor left, double right) => left.mul(right);

        /// <summary>Multiplies by a scalar.</summary>
        public static Tensor operator *(double left, Tensor right) => right.mul(left);

        /// <summary>Element-wise true division with broadcasting.</summary>
        public static Tensor operator /(Tensor left, Tensor right) => left.div(right);

        /// <summary>Divides by a scalar.</summary>
        public static Tensor operator /(Tensor left, double right) => left.div(right);

        /// <summary>Divides a scalar by each element.</summary>
        public static Tensor operator /(double left, Tensor right)
        {
            using var reciprocal = right.reciprocal();
            return reciprocal.mul(left);
        }
    }
}
