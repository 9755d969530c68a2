using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>Full-size models against torchvision 0.14's key names, shapes and parameter counts (Fixtures/torchvision.json).</summary>
public sealed class TorchvisionCompatibilityTests
{
    public static TheoryData<string, long> Models => new()
    {
        { "resnet18", 11_689_512 },
        { "resnet34", 21_797_672 },
        { "resnet50", 25_557_032 },
        { "mobilenet_v2", 3_504_872 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Parameter_count_state_dict_keys_and_shapes_equal_torchvision(string name, long published)
    {
        using var scope = NewDisposeScope();
        using var model = Create(name);
        var (recorded, state) = Fixture.Torchvision(name);
        recorded.Should().Be(published);

        model.parameters().Sum(p => p.numel()).Should().Be(published);
        var actual = model.state_dict().Select(entry => (entry.Key, Shape: entry.Value.shape)).ToList();
        actual.Select(a => a.Key).Should().Equal(state.Select(s => s.Key));
        actual.Zip(state).Should().OnlyContain(pair => pair.First.Shape.SequenceEqual(pair.Second.Shape));
    }

    [Fact]
    public void Default_options_are_torchvisions()
    {
        using var resnet = Backbone.ResNet18();
        using var mobilenet = Backbone.MobileNetV2();
        resnet.Classes.Should().Be(1000);
        resnet.FeatureCount.Should().Be(512);
        resnet.Stem.Should().Be(Stem.ImageNet);
        resnet.DefaultSampleShape.Should().Equal(3, 224, 224);
        mobilenet.Classes.Should().Be(1000);
        mobilenet.FeatureCount.Should().Be(1280);
        mobilenet.get_submodule("classifier.0").Should().BeOfType<MtlSharing.Torch.Modules.Dropout>();
    }

    [Fact]
    public void Resnet50_has_bottleneck_blocks_with_downsample_at_the_start_of_each_layer()
    {
        using var model = Backbone.ResNet50(new ResNetOptions { Width = 2, Classes = null });
        model.FeatureCount.Should().Be(64);
        model.get_submodule("layer1.0").Should().BeOfType<Bottleneck>();
        var downsamples = model.named_modules().Select(m => m.name).Where(n => n.EndsWith(".downsample", StringComparison.Ordinal));
        downsamples.Should().Equal("layer1.0.downsample", "layer2.0.downsample", "layer3.0.downsample", "layer4.0.downsample");
    }

    private static BackboneModule Create(string name) => name switch
    {
        "resnet18" => Backbone.ResNet18(),
        "resnet34" => Backbone.ResNet34(),
        "resnet50" => Backbone.ResNet50(),
        _ => Backbone.MobileNetV2(),
    };
}
