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
        FluentActions.Invoking(() => Backbone.SmallCnn(new SmallCnnOptions { Channels = [] })).Should().Throw<ArgumentException>().WithMessage("Channels must list at least one size*");
        FluentActions.Invoking(() => Backbone.SmallCnn(new SmallCnnOptions { Channels = [8, 0] })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Channels must be positive; got 0*");
        FluentActions.Invoking(() => Backbone.Mlp(new MlpOptions { InputFeatures = 0 })).Should().Throw<ArgumentOutOfRangeException>().WithMessage("InputFeatures must be positive*");
        FluentActions.Invoking(() => Backbone.Mlp(new MlpOptions { InputFeatures = 3, Hidden = [] })).Should().Throw<ArgumentException>().WithMessage("Hidden must list at least one size*");
        FluentActions.Invoking(() => Backbone.Mlp(null!)).Should().Throw<ArgumentNullException>();
    }
}
