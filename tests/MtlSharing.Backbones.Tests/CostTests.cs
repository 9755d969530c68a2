using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>
/// Per-block costs against PyTorch's forward-hook counts (Fixtures/torchvision.json) and the
/// published multiply-add figures: 1.82 G for ResNet-18 and 0.30 G for MobileNetV2 at 224×224.
/// </summary>
public sealed class CostTests
{
    [Fact]
    public void Resnet18_at_224_costs_what_pytorch_counts_and_1_82_g_in_total()
    {
        using var model = Backbone.ResNet18();
        var report = model.Costs(3, 224, 224);
        ShouldMatch(report, Fixture.Costs("resnet18_224"));
        report.TotalParameters.Should().Be(11_689_512);
        (report.TotalMultiplyAdds / 1e9).Should().BeApproximately(1.82, 0.01);

        var table = report.ToString();
        table.Should().StartWith("ResNet-18, input [3, 224, 224]: 1.814 G multiply-adds");
        table.Should().MatchRegex(@"\n0 +conv1, bn1, relu, maxpool +\[64, 56, 56\] +9,536 +118,013,952\r?\n");
        table.Should().MatchRegex(@"\n8 +layer4\.1 +\[512, 7, 7\] +4,720,640 +231,211,008\r?\n");
        table.Should().MatchRegex(@"\nhead +fc +\[1000\] +513,000 +512,000\r?\n");
        table.Should().MatchRegex(@"\ntotal +11,689,512 +1,814,073,344\r?\n$");
    }

    [Fact]
    public void MobileNetV2_at_224_costs_what_pytorch_counts_and_0_30_g_in_total()
    {
        using var model = Backbone.MobileNetV2();
        var report = model.Costs(3, 224, 224);
        ShouldMatch(report, Fixture.Costs("mobilenet_v2_224"));
        report.TotalParameters.Should().Be(3_504_872);
        (report.TotalMultiplyAdds / 1e9).Should().BeApproximately(0.30, 0.01);
    }

    [Fact]
    public void MobileNetV3_small_at_224_costs_what_pytorch_counts_and_0_06_g_in_total()
    {
        using var model = Backbone.MobileNetV3Small();
        var report = model.Costs(3, 224, 224);
        ShouldMatch(report, Fixture.Costs("mobilenet_v3_small_224"));
        report.TotalParameters.Should().Be(2_542_856);
        (report.TotalMultiplyAdds / 1e9).Should().BeApproximately(0.06, 0.005);
        report.Head!.Paths.Should().Equal("classifier");
    }

    [Theory]
    [InlineData("resnet18_small_headless_32", 18, 32)]
    [InlineData("resnet34_64", 34, 64)]
    [InlineData("resnet50_64", 50, 64)]
    public void Resnets_cost_what_pytorch_counts(string fixture, int depth, long side)
    {
        var small = fixture.Contains("small", StringComparison.Ordinal);
        using var model = Backbone.ResNet(depth, small ? new ResNetOptions { Stem = Stem.SmallImage, Classes = null } : null);
        ShouldMatch(model.Costs(3, side, side), Fixture.Costs(fixture));
    }

    [Fact]
    public void Describe_uses_the_default_sample_and_lists_every_block()
    {
        using var model = Backbone.SmallCnn(new SmallCnnOptions { Channels = [4, 8], Classes = 5 });
        var table = model.Describe();
        // features.0: 3×3 conv 3→4 at 32×32 = 4·32·32·27 = 110,592; features.1: 8·16·16·36 = 73,728; fc: 8·5 = 40.
        table.Should().StartWith("SmallCnn, input [3, 32, 32]:");
        table.Should().MatchRegex(@"\n0 +features\.0 +\[4, 16, 16\] +116 +110,592\r?\n");
        table.Should().MatchRegex(@"\n1 +features\.1 +\[8, 8, 8\] +304 +73,728\r?\n");
        table.Should().MatchRegex(@"\nhead +fc +\[5\] +45 +40\r?\n");
        table.Should().MatchRegex(@"\ntotal +465 +184,360\r?\n$");
    }

    [Fact]
    public void Mlp_costs_are_its_linear_layers()
    {
        using var model = Backbone.Mlp(new MlpOptions { InputFeatures = 6, Hidden = [16, 8], Classes = null });
        var report = model.Costs();
        report.SampleShape.Should().Equal(6);
        report.Head.Should().BeNull();
        report.Blocks.Select(b => b.MultiplyAdds).Should().Equal(6 * 16, 16 * 8);
        report.Blocks.Select(b => b.Parameters).Should().Equal(6 * 16 + 16, 16 * 8 + 8);
        report.Blocks.Select(b => b.OutputShape).Should().BeEquivalentTo(new[] { new long[] { 16 }, [8] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Measuring_restores_training_modes_and_removes_its_hooks()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage });
        model.GetSubmodule("layer2").eval();
        var modes = model.NamedModulesDepthFirst().Select(m => m.Module.training).ToList();
        var first = model.Costs(3, 16, 16);
        var second = model.Costs(3, 16, 16);
        model.NamedModulesDepthFirst().Select(m => m.Module.training).Should().Equal(modes);
        model.training.Should().BeTrue();
        modes.Should().Contain(true).And.Contain(false);
        second.TotalMultiplyAdds.Should().Be(first.TotalMultiplyAdds);
        second.Blocks.Select(b => b.MultiplyAdds).Should().Equal(first.Blocks.Select(b => b.MultiplyAdds));
    }

    [Fact]
    public void A_sample_shape_that_does_not_fit_names_the_expected_shape()
    {
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2 });
        var act = () => model.Costs(1, 32, 32);
        act.Should().Throw<ArgumentException>().WithMessage("*[N, 3, H, W]*");
    }

    internal static void ShouldMatch(CostReport report, List<BlockCost> expected)
    {
        var rows = report.Blocks.Concat(report.Head is null ? [] : [report.Head]).ToList();
        rows.Select(r => r.Name).Should().Equal(expected.Select(e => e.Name));
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Paths.Should().Equal(expected[i].Paths, rows[i].Name);
            rows[i].OutputShape.Should().Equal(expected[i].OutputShape, rows[i].Name);
            rows[i].Parameters.Should().Be(expected[i].Parameters, rows[i].Name);
            rows[i].MultiplyAdds.Should().Be(expected[i].MultiplyAdds, rows[i].Name);
        }

        report.TotalMultiplyAdds.Should().Be(expected.Sum(e => e.MultiplyAdds));
        report.TotalParameters.Should().Be(expected.Sum(e => e.Parameters));
    }
}
