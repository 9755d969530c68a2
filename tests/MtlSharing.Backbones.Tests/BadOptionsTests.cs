using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>Invalid options are refused before anything is built, with messages that name the option.</summary>
public sealed class BadOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(101)]
    public void Unsupported_resnet_depth_lists_the_supported_ones(int depth)
    {
        var act = () => Backbone.ResNet(depth);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"unsupported ResNet depth {depth}; supported depths are 18, 34, 50*");
        ResNet.SupportedDepths.Should().Equal(18, 34, 50);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(152)]
    public void Unsupported_vgg_depth_lists_the_supported_ones(int depth)
    {
        var act = () => Backbone.Vgg(depth);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"unsupported VGG depth {depth}; supported depths are 11, 13, 16, 19*");
        Vgg.SupportedDepths.Should().Equal(11, 13, 16, 19);
    }

    [Fact]
    public void Unknown_mobilenet_v3_size_or_stem_is_refused()
    {
        FluentActions.Invoking(() => Backbone.MobileNetV3((MobileNetV3Size)2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("size must be Small or Large; got 2*");
        FluentActions.Invoking(() => Backbone.MobileNetV3Small(new MobileNetV3Options { Stem = (Stem)5 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Stem must be ImageNet or SmallImage; got 5*");
        FluentActions.Invoking(() => Backbone.ResNet18(new ResNetOptions { Stem = (Stem)(-1) })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Stem must be ImageNet or SmallImage; got -1*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-8)]
    public void Non_positive_resnet_width_is_refused(int width)
    {
        var act = () => Backbone.ResNet18(new ResNetOptions { Width = width });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"Width must be positive; got {width}*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Non_positive_class_counts_are_refused_by_every_family(int classes)
    {
        var message = $"Classes must be positive, or null for a headless backbone; got {classes}*";
        FluentActions.Invoking(() => Backbone.ResNet34(new ResNetOptions { Classes = classes })).Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
        FluentActions.Invoking(() => Backbone.MobileNetV2(new MobileNetV2Options { Classes = classes })).Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
        FluentActions.Invoking(() => Backbone.MobileNetV3Large(new MobileNetV3Options { Classes = classes })).Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
        FluentActions.Invoking(() => Backbone.Vgg16Bn(new VggOptions { Classes = classes })).Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
        FluentActions.Invoking(() => Backbone.SmallCnn(new SmallCnnOptions { Classes = classes })).Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
        FluentActions.Invoking(() => Backbone.Mlp(new MlpOptions { InputFeatures = 4, Classes = classes })).Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_positive_or_non_finite_width_multiplier_is_refused(double multiplier)
    {
        var act = () => Backbone.MobileNetV2(new MobileNetV2Options { WidthMultiplier = multiplier });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("WidthMultiplier must be a positive finite number*");
    }

    [Fact]
    public void Other_bad_sizes_are_refused()
    {
        FluentActions.Invoking(() => Backbone.ResNet50(new ResNetOptions { InputChannels = 0 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("InputChannels must be positive*");
        FluentActions.Invoking(() => Backbone.MobileNetV2(new MobileNetV2Options { Dropout = 1 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Dropout must be in [0, 1)*");
        FluentActions.Invoking(() => Backbone.MobileNetV3Small(new MobileNetV3Options { Dropout = -0.1 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Dropout must be in [0, 1); got -0.1*");
        FluentActions.Invoking(() => Backbone.Vgg11Bn(new VggOptions { InputChannels = -3 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("InputChannels must be positive; got -3*");
        FluentActions.Invoking(() => Backbone.SmallCnn(new SmallCnnOptions { Channels = [] })).Should().Throw<ArgumentException>().WithMessage("Channels must list at least one size*");
        FluentActions.Invoking(() => Backbone.SmallCnn(new SmallCnnOptions { Channels = [8, 0] })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Channels must be positive; got 0*");
        FluentActions.Invoking(() => Backbone.Mlp(new MlpOptions { InputFeatures = 0 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("InputFeatures must be positive*");
        FluentActions.Invoking(() => Backbone.Mlp(new MlpOptions { InputFeatures = 3, Hidden = [] })).Should().Throw<ArgumentException>().WithMessage("Hidden must list at least one size*");
        FluentActions.Invoking(() => Backbone.Mlp(null!)).Should().Throw<ArgumentNullException>();
    }
}
