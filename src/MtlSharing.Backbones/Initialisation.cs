using MtlSharing.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// Weight initialisation as torchvision does it, draw for draw: after <c>manual_seed(s)</c> a
/// backbone built here has the values PyTorch gives the same model after the same seed, and the
/// generator is left where PyTorch's would be.
/// </summary>
/// <remarks>
/// TorchVision's constructors in TorchSharp initialise in TorchSharp's <c>named_modules</c> order
/// (each module's children before their descendants), not PyTorch's depth-first order, and our
/// variants (small-image stem, other widths and input channels, headless) replace modules after
/// construction, which draws again. So each backbone takes the generator state before it is built
/// (<see cref="Snapshot"/>), and once it is complete, <see cref="Apply"/> restores that state and
/// replays what PyTorch draws: each layer's default initialisation in depth-first order
/// (<c>kaiming_uniform_(a = √5)</c> and a uniform bias for Conv2d and Linear), then the family's
/// own initialisation, also depth first. PyTorch builds a ResNet layer's downsample before its
/// first block; the order of those default draws does not matter, because each draws as many
/// numbers as its tensor has elements and the family's initialisation overwrites them all.
/// </remarks>
internal static class Initialisation
{
    /// <summary>How a family initialises its layers after their defaults.</summary>
    public enum Style
    {
        /// <summary>Only PyTorch's default initialisation (the MLP).</summary>
        Default,

        /// <summary>ResNet's: convolutions kaiming_normal_(fan_out, relu); BatchNorm weight 1, bias 0; Linear layers keep their defaults.</summary>
        ResNet,

        /// <summary>MobileNet's: convolutions kaiming_normal_(fan_out) with zero bias; BatchNorm 1 and 0; Linear N(0, 0.01²) with zero bias.</summary>
        MobileNet,

        /// <summary>VGG's: convolutions kaiming_normal_(fan_out, relu) with zero bias; BatchNorm 1 and 0; Linear N(0, 0.01²) with zero bias.</summary>
        Vgg,
    }

    /// <summary>The default generator's state, to pass to <see cref="Apply"/> once the model is built.</summary>
    public static Tensor Snapshot() => random.get_rng_state();

    /// <summary>Restores the generator to <paramref name="before"/> and initialises the model as PyTorch would have from there.</summary>
    /// <param name="model">The complete model.</param>
    /// <param name="style">The family's initialisation.</param>
    /// <param name="before">The generator state taken before the model was built; disposed here.</param>
    public static void Apply(nn.Module model, Style style, Tensor before)
    {
        var modules = model.NamedModulesDepthFirst().Select(m => m.Module).ToList();
        using (before)
        {
            random.set_rng_state(before);
        }

        using var noGrad = no_grad();
        foreach (var module in modules)
        {
            switch (module)
            {
                case Conv2d conv:
                    Default(conv.weight, conv.bias);
                    break;
                case Linear linear:
                    Default(linear.weight, linear.bias);
                    break;
            }
        }

        if (style != Style.Default)
        {
            modules.ForEach(m => FamilyStyle(m, style));
        }
    }

    private static void FamilyStyle(nn.Module module, Style style)
    {
        switch (module)
        {
            case Conv2d conv:
                if (style == Style.MobileNet)
                {
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut);
                }
                else
                {
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                }

                if (style != Style.ResNet)
                {
                    Zero(conv.bias);
                }

                break;
            case BatchNorm2d norm:
                if (norm.weight is not null && norm.bias is not null)
                {
                    nn.init.ones_(norm.weight);
                    nn.init.zeros_(norm.bias);
                }

                break;
            case Linear linear when style != Style.ResNet:
                nn.init.normal_(linear.weight, 0, 0.01);
                Zero(linear.bias);
                break;
        }
    }

    /// <summary>PyTorch's reset_parameters of Conv2d and Linear: kaiming_uniform_(a = √5), then the bias from U(−1/√fan_in, 1/√fan_in).</summary>
    private static void Default(Tensor weight, Tensor? bias)
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            var fanIn = weight.shape[1] * weight.shape[2..].Aggregate(1L, (a, b) => a * b);
            var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    private static void Zero(Tensor? bias)
    {
        if (bias is not null)
        {
            nn.init.zeros_(bias);
        }
    }
}
