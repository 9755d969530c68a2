using MtlSharing.Backbones;
using MtlSharing.Selectors;

namespace MtlSharing.Backbones.Tests;

/// <summary>The ordered block lists that the sharing presets address by index.</summary>
public sealed class BlockMapTests
{
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
    public void Small_image_stem_has_no_maxpool()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage });
        model.Blocks[0].Should().Equal("conv1", "bn1", "relu");
        model.named_modules().Select(m => m.name).Should().NotContain("maxpool");
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
        model.get_submodule("features.0").Should().BeOfType<MtlSharing.Torch.Modules.Sequential>();
        Enumerable.Range(1, 17).Should().OnlyContain(i => model.get_submodule($"features.{i}") is InvertedResidual);
        model.HeadName.Should().Be("classifier");
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
        var paths = model.Blocks.SelectMany(b => b).Concat(model.Classes is null ? [] : [model.HeadName]);
        var covered = paths.SelectMany(p => model.get_submodule(p).named_parameters().Select(n => n.parameter)).ToList();
        covered.Should().OnlyHaveUniqueItems();
        covered.Sum(p => p.numel()).Should().Be(model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Headless_small_stem_resnet18_has_the_parameter_counts_the_sharing_plans_expect()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        var backbone = model.parameters().Sum(p => p.numel());
        var stem = model.Blocks[0].Sum(p => model.get_submodule(p).parameters().Sum(q => q.numel()));
        var head = model.FeatureCount * 10 + 10;
        backbone.Should().Be(11_168_832);
        stem.Should().Be(3 * 64 * 9 + 2 * 64);
        (backbone + 3 * head).Should().Be(11_184_222);
        (backbone + 3 * head + 2 * stem).Should().Be(11_187_934);
        (3 * (backbone + head)).Should().Be(33_521_886);
    }

    public static TheoryData<string> Variants => Fixture.VariantNames;
}
