using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Makes a <see cref="Modules.Parameter"/> over the storage of a tensor.</summary>
        /// <param name="data">The initial values.</param>
        /// <param name="requires_grad">Whether gradients are recorded.</param>
        /// <returns>The parameter.</returns>
        public static Parameter Parameter(Tensor data, bool requires_grad = true) => new(data, requires_grad);
    }
}
