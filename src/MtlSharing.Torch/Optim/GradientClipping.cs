namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Utilities over parameters and their gradients.</summary>
        public static partial class utils
        {
            /// <summary>
            /// Scales the gradients of the parameters in place so that their total norm (the norm of
            /// the vector of all gradients) is at most <paramref name="max_norm"/>, as PyTorch does:
            /// every gradient is multiplied by max_norm / (total_norm + 1e-6) when that is below 1.
            /// Parameters without a gradient are ignored.
            /// </summary>
            /// <param name="parameters">The parameters, e.g. <c>model.parameters()</c>.</param>
            /// <param name="max_norm">The largest allowed total norm; non-negative.</param>
            /// <param name="norm_type">The p of the p-norm; positive, or <see cref="double.PositiveInfinity"/> for the largest absolute value.</param>
            /// <param name="error_if_nonfinite">Throw if the total norm is NaN or infinite instead of scaling by it.</param>
            /// <returns>The total norm of the gradients before clipping (0 if no parameter has a gradient).</returns>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2, bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                if (!(max_norm >= 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, $"max_norm must be a non-negative number; got {max_norm}");
                }

                if (!(norm_type > 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(norm_type), norm_type, $"norm_type must be positive (or infinity); got {norm_type}");
                }

                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0)
                {
                    return 0;
                }

                var norms = grads.Select(g => g.norm(norm_type).item<double>()).ToList();
                var total = double.IsPositiveInfinity(norm_type)
                    ? norms.Max()
                    : Math.Pow(norms.Sum(n => Math.Pow(n, norm_type)), 1 / norm_type);
                if (error_if_nonfinite && !double.IsFinite(total))
                {
                    throw new InvalidOperationException($"the total norm of order {norm_type} of the gradients is {total}, so they cannot be clipped; pass error_if_nonfinite: false to scale them anyway");
                }

                var coefficient = max_norm / (total + 1e-6);
                if (coefficient < 1)
                {
                    foreach (var grad in grads)
                    {
                        grad.mul_(coefficient);
                    }
                }

                return total;
            }
        }
    }
}
