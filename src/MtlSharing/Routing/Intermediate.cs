using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>Frees intermediate tensors early, unless a layer passed its input or output through unchanged.</summary>
internal static class Intermediate
{
    public static void Release(Tensor intermediate, Tensor input, Tensor output)
    {
        if (!ReferenceEquals(intermediate, input) && !ReferenceEquals(intermediate, output))
        {
            intermediate.Dispose();
        }
    }
}
