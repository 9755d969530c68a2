namespace MtlSharing.Backbones;

/// <summary>
/// Builds the standard backbones. ResNet, MobileNetV2, MobileNetV3 and VGG are TorchVision's
/// networks with torchvision's module names, parameter counts and initialisation; the small CNN and
/// the MLP are our own. Each takes an options object whose defaults give torchvision's model:
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

    /// <summary>MobileNetV3-Small (2,542,856 parameters with the defaults).</summary>
    /// <param name="options">Stem, classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static MobileNetV3 MobileNetV3Small(MobileNetV3Options? options = null) => MobileNetV3(MobileNetV3Size.Small, options);

    /// <summary>MobileNetV3-Large (5,483,032 parameters with the defaults).</summary>
    /// <param name="options">Stem, classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static MobileNetV3 MobileNetV3Large(MobileNetV3Options? options = null) => MobileNetV3(MobileNetV3Size.Large, options);

    /// <summary>MobileNetV3, small or large.</summary>
    /// <param name="size">Small or large.</param>
    /// <param name="options">Stem, classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An unknown size, a non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static MobileNetV3 MobileNetV3(MobileNetV3Size size, MobileNetV3Options? options = null)
    {
        if (!Enum.IsDefined(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"size must be Small or Large; got {size}");
        }

        options ??= new MobileNetV3Options();
        options.Validate();
        return new MobileNetV3(size, options);
    }

    /// <summary>VGG-11 with batch normalisation, torchvision's vgg11_bn (132,868,840 parameters with the defaults).</summary>
    /// <param name="options">Classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static Vgg Vgg11Bn(VggOptions? options = null) => Vgg(11, options);

    /// <summary>VGG-13 with batch normalisation, torchvision's vgg13_bn (133,053,736 parameters with the defaults).</summary>
    /// <param name="options">Classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static Vgg Vgg13Bn(VggOptions? options = null) => Vgg(13, options);

    /// <summary>VGG-16 with batch normalisation, torchvision's vgg16_bn (138,365,992 parameters with the defaults).</summary>
    /// <param name="options">Classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static Vgg Vgg16Bn(VggOptions? options = null) => Vgg(16, options);

    /// <summary>VGG-19 with batch normalisation, torchvision's vgg19_bn (143,678,248 parameters with the defaults).</summary>
    /// <param name="options">Classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static Vgg Vgg19Bn(VggOptions? options = null) => Vgg(19, options);

    /// <summary>A VGG with batch normalisation of a given depth.</summary>
    /// <param name="depth">11, 13, 16 or 19 (see <see cref="Backbones.Vgg.SupportedDepths"/>).</param>
    /// <param name="options">Classes, dropout; null for the defaults.</param>
    /// <returns>The network, in training mode.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An unsupported depth, a non-positive class count or channel count, or a dropout outside [0, 1).</exception>
    public static Vgg Vgg(int depth, VggOptions? options = null)
    {
        Backbones.Vgg.CheckDepth(depth);
        options ??= new VggOptions();
        options.Validate();
        return new Vgg(depth, options);
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
