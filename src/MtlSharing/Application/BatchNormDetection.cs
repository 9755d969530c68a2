using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Application;

/// <summary>Recognises normalisation layers whose statistics differ by domain.</summary>
internal static class BatchNormDetection
{
    public static bool IsBatchNorm(nn.Module module) => module is TorchSharp.Modules.NormBase;
}
