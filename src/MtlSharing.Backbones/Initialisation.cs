using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>Weight initialisation as torchvision 0.14 does it, visiting modules in registration order.</summary>
internal static class Initialisation
{
    /// <summary>
    /// ResNet's: convolutions kaiming_normal_(mode = fan_out, nonlinearity = relu), BatchNorm
    /// weight 1 and bias 0; Linear layers keep PyTorch's default initialisation.
    /// </summary>
    public static void ResNetStyle(nn.Module model)
    {
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    break;
                case BatchNorm norm:
                    ResetNorm(norm);
                    break;
            }
        }
    }

    /// <summary>
    /// MobileNetV2's: convolutions kaiming_normal_(mode = fan_out) with zero bias, BatchNorm
    /// weight 1 and bias 0, Linear weights from N(0, 0.01²) with zero bias.
    /// </summary>
    public static void MobileNetStyle(nn.Module model)
    {
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut);
                    ZeroBias(conv.bias);
                    break;
                case BatchNorm norm:
                    ResetNorm(norm);
                    break;
                case Linear linear:
                    nn.init.normal_(linear.weight, 0, 0.01);
                    ZeroBias(linear.bias);
                    break;
            }
        }
    }

    private static void ResetNorm(BatchNorm norm)
    {
        if (norm.weight is { } weight && norm.bias is { } bias)
        {
            nn.init.ones_(weight);
            nn.init.zeros_(bias);
        }
    }

    private static void ZeroBias(Parameter? bias)
    {
        if (bias is not null)
        {
            nn.init.zeros_(bias);
        }
    }
}
