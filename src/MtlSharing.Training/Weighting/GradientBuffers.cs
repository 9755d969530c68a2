using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Weighting;

/// <summary>Flattening of per-parameter gradients into one vector and adding gradients into <c>.grad</c>.</summary>
internal static class GradientBuffers
{
    /// <summary>
    /// Concatenates the flattened gradients of the parameters into one vector; a null gradient
    /// (a parameter the loss does not reach) counts as zeros.
    /// </summary>
    public static Tensor Flatten(IList<Tensor?> gradients, IReadOnlyList<Parameter> parameters)
    {
        var parts = new List<Tensor>(parameters.Count);
        for (var i = 0; i < parameters.Count; i++)
        {
            parts.Add(Present(gradients[i])?.flatten() ?? zeros([parameters[i].numel()], parameters[i].dtype, parameters[i].device));
        }

        return cat(parts);
    }

    /// <summary>Splits a flat vector back into the parameters' shapes and adds each part to the parameter's <c>.grad</c>.</summary>
    public static void AccumulateFlat(Tensor flat, IReadOnlyList<Parameter> parameters)
    {
        long offset = 0;
        foreach (var parameter in parameters)
        {
            var count = parameter.numel();
            Accumulate(parameter, flat.narrow(0, offset, count).view(parameter.shape));
            offset += count;
        }
    }

    /// <summary>Adds each gradient (if not null) to its parameter's <c>.grad</c>.</summary>
    public static void Accumulate(IList<Tensor?> gradients, IReadOnlyList<Parameter> parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (Present(gradients[i]) is { } gradient)
            {
                Accumulate(parameters[i], gradient);
            }
        }
    }

    /// <summary>
    /// The gradient, or null for a parameter the loss does not reach: TorchSharp's
    /// <c>autograd.grad(..., allow_unused: true)</c> returns a tensor with no handle there, not null.
    /// </summary>
    public static Tensor? Present(Tensor? gradient) => gradient is null || gradient.IsInvalid ? null : gradient;

    /// <summary>Adds a gradient to a parameter's <c>.grad</c>, or sets a copy of it when there is none yet.</summary>
    public static void Accumulate(Parameter parameter, Tensor gradient)
    {
        using var noGrad = no_grad();
        using var existing = parameter.grad;
        if (existing is null)
        {
            using var copy = gradient.detach().clone();
            parameter.grad = copy;
            return;
        }

        existing.add_(gradient);
    }
}
