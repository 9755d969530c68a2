using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            private static readonly AtenOp CrossEntropyOp = new("aten::cross_entropy_loss");
            private static readonly AtenOp NllLossOp = new("aten::nll_loss_nd");
            private static readonly AtenOp MseLossOp = new("aten::mse_loss");
            private static readonly AtenOp L1LossOp = new("aten::l1_loss");
            private static readonly AtenOp BceWithLogitsOp = new("aten::binary_cross_entropy_with_logits");
            private static readonly AtenOp BceOp = new("aten::binary_cross_entropy");
            private static readonly AtenOp SmoothL1LossOp = new("aten::smooth_l1_loss");
            private static readonly AtenOp HuberLossOp = new("aten::huber_loss");

            /// <summary>Cross-entropy between logits and class indices.</summary>
            /// <param name="input">Logits of shape [N, C] (or [N, C, d1, …]).</param>
            /// <param name="target">Int64 class indices of shape [N] (or [N, d1, …]).</param>
            /// <param name="weight">Optional per-class weights of shape [C].</param>
            /// <param name="ignore_index">A target value that contributes nothing.</param>
            /// <param name="reduction">How to combine the per-sample losses.</param>
            /// <param name="label_smoothing">Mixes the one-hot target with the uniform distribution, in [0, 1].</param>
            /// <returns>The loss.</returns>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean, double label_smoothing = 0.0)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                if (label_smoothing is < 0 or > 1 || double.IsNaN(label_smoothing))
                {
                    throw new ArgumentOutOfRangeException(nameof(label_smoothing), label_smoothing, "label_smoothing must be between 0 and 1");
                }

                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(target);
                call.OptionalTensor(weight);
                call.Int((long)reduction);
                call.Int(ignore_index);
                call.Double(label_smoothing);
                return call.InvokeTensor(CrossEntropyOp);
            }

            /// <summary>Negative log-likelihood of class indices under log-probabilities.</summary>
            /// <param name="input">Log-probabilities of shape [N, C] (or [N, C, d1, …]).</param>
            /// <param name="target">Int64 class indices.</param>
            /// <param name="weight">Optional per-class weights of shape [C].</param>
            /// <param name="ignore_index">A target value that contributes nothing.</param>
            /// <param name="reduction">How to combine the per-sample losses.</param>
            /// <returns>The loss.</returns>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(target);
                call.OptionalTensor(weight);
                call.Int((long)reduction);
                call.Int(ignore_index);
                return call.InvokeTensor(NllLossOp);
            }

            /// <summary>Mean squared error.</summary>
            /// <param name="input">Predictions.</param>
            /// <param name="target">Targets of the same shape.</param>
            /// <param name="reduction">How to combine the per-element losses.</param>
            /// <returns>The loss.</returns>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Pointwise(MseLossOp, input, target, reduction);

            /// <summary>Mean absolute error.</summary>
            /// <param name="input">Predictions.</param>
            /// <param name="target">Targets of the same shape.</param>
            /// <param name="reduction">How to combine the per-element losses.</param>
            /// <returns>The loss.</returns>
            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Pointwise(L1LossOp, input, target, reduction);

            /// <summary>Binary cross-entropy on logits, computed stably.</summary>
            /// <param name="input">Logits.</param>
            /// <param name="target">Targets in [0, 1] of the same shape.</param>
            /// <param name="weight">Optional per-element weights.</param>
            /// <param name="reduction">How to combine the per-element losses.</param>
            /// <param name="pos_weight">Optional weight of positive examples per class.</param>
            /// <returns>The loss.</returns>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weight = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(target);
                call.OptionalTensor(weight);
                call.OptionalTensor(pos_weight);
                call.Int((long)reduction);
                return call.InvokeTensor(BceWithLogitsOp);
            }

            /// <summary>Binary cross-entropy between probabilities and targets.</summary>
            /// <param name="input">Probabilities in [0, 1].</param>
            /// <param name="target">Targets in [0, 1] of the same shape.</param>
            /// <param name="weight">Optional per-element weights.</param>
            /// <param name="reduction">How to combine the per-element losses.</param>
            /// <returns>The loss.</returns>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(target);
                call.OptionalTensor(weight);
                call.Int((long)reduction);
                return call.InvokeTensor(BceOp);
            }

            /// <summary>Smooth L1: 0.5 d²/beta where |d| &lt; beta, |d| − 0.5 beta elsewhere.</summary>
            /// <param name="input">Predictions.</param>
            /// <param name="target">Targets of the same shape.</param>
            /// <param name="reduction">How to combine the per-element losses.</param>
            /// <param name="beta">Where the loss turns from quadratic to linear.</param>
            /// <returns>The loss.</returns>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0) =>
                Robust(SmoothL1LossOp, input, target, reduction, beta);

            /// <summary>Huber loss: 0.5 d² where |d| &lt; delta, delta (|d| − 0.5 delta) elsewhere.</summary>
            /// <param name="input">Predictions.</param>
            /// <param name="target">Targets of the same shape.</param>
            /// <param name="reduction">How to combine the per-element losses.</param>
            /// <param name="delta">Where the loss turns from quadratic to linear.</param>
            /// <returns>The loss.</returns>
            public static Tensor huber_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0) =>
                Robust(HuberLossOp, input, target, reduction, delta);

            private static Tensor Robust(AtenOp op, Tensor input, Tensor target, Reduction reduction, double threshold)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(target);
                call.Int((long)reduction);
                call.Double(threshold);
                return call.InvokeTensor(op);
            }

            private static Tensor Pointwise(AtenOp op, Tensor input, Tensor target, Reduction reduction)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                var call = new OpCall();
                call.Tensor(input);
                call.Tensor(target);
                call.Int((long)reduction);
                return call.InvokeTensor(op);
            }
        }
    }
}
