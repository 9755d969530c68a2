using MtlSharing.Backbones;
using MtlSharing.Selectors;
using MtlSharing.Plans;

namespace MtlSharing.Backbones.Tests;

/// <summary>The ordered block lists that the sharing presets address by index.</summary>
public sealed class BlockMapTests
{
    public static TheoryData<string> Variants => Fixture.VariantNames;

    [Fact]
    public void Resnet18_blocks_are_the_stem_then_each_residual_block()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2 });
        IBlockStructured structured = model;
        structured.Blocks.Should().HaveCount(9);
        structured.Blocks[0].Should().Equal("conv1", "bn1", "relu", "maxpool");
        structured.Blocks.Skip(1).Select(b => b.Single()).Should().Equal(
            "layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1");
        model.HeadName.Should().Be("fc");
        structured.Blocks.SelectMany(b => b).Should().NotContain("fc");
    }

    [Fact]
    public void Small_image_stem_has_a_3x3_stride_1_conv1_and_an_identity_maxpool()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage });
        model.Blocks[0].Should().Equal("conv1", "bn1", "relu");
        model.GetSubmodule("maxpool").Should().BeOfType<TorchSharp.Modules.Identity>();
        var conv1 = (TorchSharp.Modules.Conv2d)model.GetSubmodule("conv1");
        conv1.kernel_size.Should().Equal(3, 3);
        conv1.stride.Should().Equal(1, 1);
        model.DefaultSampleShape.Should().Equal(3, 32, 32);
    }

    [Theory]
    [InlineData(34, 17, "layer4.2")]
    [InlineData(50, 17, "layer4.2")]
    public void Deeper_resnets_list_every_residual_block(int depth, int count, string last)
    {
        using var model = Backbone.ResNet(depth, new ResNetOptions { Width = 2 });
        model.Blocks.Should().HaveCount(count);
        model.Blocks[^1].Should().Equal(last);
        model.Blocks[4].Should().Equal("layer2.0");
    }

    [Fact]
    public void MobileNetV2_blocks_are_the_stem_the_inverted_residuals_and_the_last_convolution()
    {
        using var model = Backbone.MobileNetV2(new MobileNetV2Options { WidthMultiplier = 0.1 });
        model.Blocks.Select(b => b.Single()).Should().Equal(Enumerable.Range(0, 19).Select(i => $"features.{i}"));
        model.GetSubmodule("features.0").Should().BeOfType<TorchSharp.Modules.Sequential>();
        Enumerable.Range(1, 17).Should().OnlyContain(i => model.GetSubmodule($"features.{i}").GetType().Name == "InvertedResidual");
        model.HeadName.Should().Be("classifier");
    }

    [Theory]
    [InlineData(MobileNetV3Size.Small, 13, 11, 576)]
    [InlineData(MobileNetV3Size.Large, 17, 15, 960)]
    public void MobileNetV3_blocks_are_the_stem_the_inverted_residuals_and_the_last_convolution(MobileNetV3Size size, int blocks, int residuals, long features)
    {
        using var model = Backbone.MobileNetV3(size, new MobileNetV3Options { Classes = null });
        model.Blocks.Select(b => b.Single()).Should().Equal(Enumerable.Range(0, blocks).Select(i => $"features.{i}"));
        Enumerable.Range(1, residuals).Should().OnlyContain(i => model.GetSubmodule($"features.{i}").GetType().Name == "InvertedResidual");
        model.FeatureCount.Should().Be(features);
        model.HeadName.Should().Be("classifier");
        model.GetSubmodule("classifier").Should().BeOfType<TorchSharp.Modules.Identity>();
    }

    [Fact]
    public void Small_cnn_and_mlp_have_one_block_per_stage()
    {
        using var cnn = Backbone.SmallCnn();
        using var mlp = Backbone.Mlp(new MlpOptions { InputFeatures = 5, Hidden = [7, 6, 4] });
        cnn.Blocks.Select(b => b.Single()).Should().Equal("features.0", "features.1", "features.2");
        mlp.Blocks.Select(b => b.Single()).Should().Equal("layers.0", "layers.1", "layers.2");
        mlp.FeatureCount.Should().Be(4);
        cnn.FeatureCount.Should().Be(128);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Blocks_and_head_hold_every_parameter_exactly_once(string name)
    {
        using var model = Fixture.Build(name);
        var backbone = (IBackbone)model;
        var paths = backbone.Blocks.SelectMany(b => b).Concat(backbone.Classes is null ? [] : [backbone.HeadName]);
        var covered = paths.SelectMany(p => model.GetSubmodule(p).named_parameters().Select(n => n.parameter)).ToList();
        covered.Should().OnlyHaveUniqueItems();
        covered.Sum(p => p.numel()).Should().Be(model.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Parameterised_layers_in_registration_order_run_block_by_block(string name)
    {
        // BottomLayers/TopLayers count layers in registration order; that equals the forward order
        // only if no layer of a later block is registered before a layer of an earlier one.
        using var model = Fixture.Build(name);
        var backbone = (IBackbone)model;
        var layers = SharingPlan.For(["a"], _ => nn.Identity()).Describe(model).Layers.Select(l => l.Path);
        var blockOfLayer = layers.Select(path => BlockOf(backbone, path)).ToList();

        blockOfLayer.Should().BeInAscendingOrder($"{name}'s layers should be registered in the order of its blocks");
        blockOfLayer.Should().NotContain(-1, "every parameterised layer outside the head belongs to a block");
    }

        [Fact]
    public void Headless_small_stem_resnet18_has_the_parameter_counts_the_sharing_plans_expect()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        var backbone = model.parameters().Sum(p => p.numel());
        var stem = model.Blocks[0].Sum(p => model.GetSubmodule(p).parameters().Sum(q => q.numel()));
        var head = model.FeatureCount * 10 + 10;
        backbone.Should().Be(11_168_832);
        stem.Should().Be(3 * 64 * 9 + 2 * 64);
        (backbone + 3 * head).Should().Be(11_184_222);
        (backbone + 3 * head + 2 * stem).Should().Be(11_187_934);
        (3 * (backbone + head)).Should().Be(33_521_886);
    }

    /// <summary>The index of the block that holds a layer, the head's index past the last block, or −1.</summary>
    private static int BlockOf(IBackbone backbone, string path)
    {
        bool Within(string ancestor) => path == ancestor || path.StartsWith(ancestor + ".", StringComparison.Ordinal);
        var index = backbone.Blocks.ToList().FindIndex(block => block.Any(Within));
        return index >= 0 ? index : backbone.Classes is not null && Within(backbone.HeadName) ? backbone.Blocks.Count : -1;
    }
}
