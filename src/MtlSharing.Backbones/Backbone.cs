namespace MtlSharing.Backbones;

/// <summary>
/// Builds the standard backbones, with torchvision's module names, parameter counts and
/// initialisation. Each takes an options object whose defaults give torchvision's model:
/// <code>
/// var imagenet = Backbone.ResNet18();                       // torchvision.models.resnet18()
/// var features = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
/// </code>
/// </summary>
public static class Backbone
{
    /// <summary>ResNet-18 (11,689,512 parameters with the defaults).</summary>
    /// <param name="options">Stem, width, classes; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive width, class count or channel count.</exception>
    public static ResNet ResNet18(ResNetOptions? options = null) => ResNet(18, options);

    /// <summary>ResNet-34 (21,797,672 parameters with the defaults).</summary>
    /// <param name="options">Stem, width, classes; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive width, class count or channel count.</exception>
    public static ResNet ResNet34(ResNetOptions? options = null) => ResNet(34, options);

    /// <summary>ResNet-50 with Bottleneck blocks (25,557,032 parameters with the defaults).</summary>
    /// <param name="options">Stem, width, classes; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive width, class count or channel count.</exception>
    public static ResNet ResNet50(ResNetOptions? options = null) => ResNet(50, options);

    /// <summary>A ResNet of a given depth.</summary>
    /// <param name="depth">18, 34 or 50 (see <see cref="Backbones.ResNet.SupportedDepths"/>).</param>
    /// <param name="options">Stem, width, classes; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An unsupported depth, or a non-positive width, class count or channel count.</exception>
    public static ResNet ResNet(int depth, ResNetOptions? options = null)
    {
        var layout = ResNetLayout.For(depth);
        options ??= new ResNetOptions();
        options.Validate();
        return new ResNet(depth, options, layout);
    }

    /// <summary>MobileNetV2 (3,504,872 parameters with the defaults).</summary>
    /// <param name="options">Stem, width multiplier, classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive width multiplier, class count or channel count, or a dropout outside [0, 1).</exception>
    public static MobileNetV2 MobileNetV2(MobileNetV2Options? options = null)
    {
        options ??= new MobileNetV2Options();
        options.Validate();
        return new MobileNetV2(options);
    }

    /// <summary>A small CNN for tests and quick runs.</summary>
    /// <param name="options">Input channels, stage channels, classes; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentException">No stages, or a non-positive channel or class count.</exception>
    public static SmallCnn SmallCnn(SmallCnnOptions? options = null)
    {
        options ??= new SmallCnnOptions();
        options.Validate();
        return new SmallCnn(options);
    }

    /// <summary>A multi-layer perceptron for tabular tasks.</summary>
    /// <param name="options">Input features, hidden widths, classes.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentException">No hidden layers, or a non-positive size or class count.</exception>
    public static Mlp Mlp(MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Mlp(options);
    }
}
