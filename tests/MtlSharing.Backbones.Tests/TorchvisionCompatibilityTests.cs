using MtlSharing.Backbones;
using MtlSharing.Plans;

namespace MtlSharing.Backbones.Tests;

/// <summary>Full-size models against torchvision 0.14's key names, shapes and parameter counts (Fixtures/torchvision.json, Fixtures/parameter_counts.py).</summary>
public sealed class TorchvisionCompatibilityTests
{
    public static TheoryData<string, long> Models => new()
    {
        { "resnet18", 11_689_512 },
        { "resnet34", 21_797_672 },
        { "resnet50", 25_557_032 },
        { "mobilenet_v2", 3_504_872 },
        { "mobilenet_v3_small", 2_542_856 },
        { "mobilenet_v3_large", 5_483_032 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Parameter_count_state_dict_keys_and_shapes_equal_torchvision(string name, long published)
    {
        using var scope = NewDisposeScope();
        using var model = Create(name);
        ShouldEqualTorchvision(model, name, published);
    }

    [Fact]
    public void Default_options_are_torchvisions()
    {
        using var resnet = Backbone.ResNet18();
        using var mobilenet = Backbone.MobileNetV2();
        using var small = Backbone.MobileNetV3Small();
        resnet.Classes.Should().Be(1000);
        resnet.FeatureCount.Should().Be(512);
        resnet.Stem.Should().Be(Stem.ImageNet);
        resnet.DefaultSampleShape.Should().Equal(3, 224, 224);
        mobilenet.Classes.Should().Be(1000);
        mobilenet.FeatureCount.Should().Be(1280);
        mobilenet.GetSubmodule("classifier.0").Should().BeOfType<TorchSharp.Modules.Dropout>();
        small.FeatureCount.Should().Be(576);
        small.Title.Should().Be("MobileNetV3-Small");
        ((TorchSharp.Modules.Linear)small.GetSubmodule("classifier.3")).out_features.Should().Be(1000);
    }

    [Fact]
    public void MobileNetV3_options_change_the_classifier_and_the_stem()
    {
        using var model = Backbone.MobileNetV3Large(new MobileNetV3Options { Classes = 7, Dropout = 0.35, InputChannels = 1, Stem = Stem.SmallImage });
        ((TorchSharp.Modules.Linear)model.GetSubmodule("classifier.3")).out_features.Should().Be(7);
        ((TorchSharp.Modules.Dropout)model.GetSubmodule("classifier.2")).p.Should().Be(0.35);
        var stem = (TorchSharp.Modules.Conv2d)model.GetSubmodule("features.0.0");
        stem.in_channels.Should().Be(1);
        stem.stride.Should().Equal(1, 1);
        model.DefaultSampleShape.Should().Equal(1, 32, 32);
        // mobilenet_v3_large less its last Linear layer for 1000 classes, plus one for 7, less 2 of the stem's 3 input channels (16 × 3 × 3 each).
        model.parameters().Sum(p => p.numel()).Should().Be(5_483_032 - (1280 * 1000 + 1000) + (1280 * 7 + 7) - (2 * 16 * 9));
    }

    [Fact]
    public void Resnet_input_channels_and_width_scale_torchvisions_layers()
    {
        using var model = Backbone.ResNet34(new ResNetOptions { InputChannels = 1, Width = 4, Classes = 5 });
        var state = model.state_dict();
        state["conv1.weight"].shape.Should().Equal(4, 1, 7, 7);
        state["layer2.0.downsample.0.weight"].shape.Should().Equal(8, 4, 1, 1);
        state["layer4.2.conv2.weight"].shape.Should().Equal(32, 32, 3, 3);
        state["fc.weight"].shape.Should().Equal(5, 32);
        model.FeatureCount.Should().Be(32);
    }

    [Fact]
    public void Resnet_and_vgg_are_torchvisions_classes()
    {
        using var resnet = Backbone.ResNet18(new ResNetOptions { Width = 2 });
        resnet.Should().BeAssignableTo<TorchSharp.Modules.ResNet>();
        typeof(Vgg).Should().BeDerivedFrom<TorchSharp.Modules.VGG>();
    }

    [Fact]
    public void Resnet50_has_torchvisions_bottleneck_blocks_with_downsample_at_the_start_of_each_layer()
    {
        using var model = Backbone.ResNet50(new ResNetOptions { Width = 2, Classes = null });
        model.FeatureCount.Should().Be(64);
        model.GetSubmodule("layer1.0").GetType().FullName.Should().Be("TorchSharp.Modules.ResNet+Bottleneck");
        var downsamples = model.NamedModulesDepthFirst().Select(m => m.Path).Where(n => n.EndsWith(".downsample", StringComparison.Ordinal));
        downsamples.Should().Equal("layer1.0.downsample", "layer2.0.downsample", "layer3.0.downsample", "layer4.0.downsample");
        // Width 2: layer4's Bottleneck planes are 8 × 2 = 16, expanded 4 times at the output.
        model.state_dict()["layer4.0.downsample.0.weight"].shape.Should().Equal(64, 32, 1, 1);
        model.state_dict()["layer4.2.conv2.weight"].shape.Should().Equal(16, 16, 3, 3);
    }

    [Fact]
    public void Torchvisions_own_resnet_wrapped_by_a_plan_gets_per_task_blocks()
    {
        using var scope = NewDisposeScope();
        var plain = torchvision.models.resnet18();
        const long Parameters = 11_689_512;
        // layer1.0 and layer1.1: four 3×3 convolutions 64→64 and four BatchNorms of 64 channels.
        const long Layer1 = (4 * 64 * 64 * 9) + (4 * 2 * 64);
        const long Head = (1000 * 3) + 3;

        // TorchVision declares layer1 … layer4 as Sequential fields, which cannot hold a task
        // switch, so the plan switches layer1's blocks (as our block map addresses them).
        using var model = SharingPlan.For(["birds", "cars"], _ => nn.Linear(1000, 3)).PerTask("layer1").Apply(plain);
        model.Switches.Select(s => s.Path).Should().Equal("layer1.0", "layer1.1");

        model.Report().Total.Should().Be(Parameters + Layer1 + (2 * Head));
        model.eval();
        using (no_grad())
        {
            model.forward(randn([1, 3, 64, 64]), "cars").shape.Should().Equal(1, 3);
        }
    }

    internal static void ShouldEqualTorchvision(nn.Module model, string name, long published)
    {
        var (recorded, state) = Fixture.Torchvision(name);
        recorded.Should().Be(published);
        model.parameters().Sum(p => p.numel()).Should().Be(published);

        // TorchSharp lists a state dict in its own order; the keys and each shape must be torchvision's.
        var actual = model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.shape);
        actual.Keys.Should().BeEquivalentTo(state.Select(s => s.Key));
        state.Should().OnlyContain(s => actual[s.Key].SequenceEqual(s.Shape));
    }

    private static nn.Module Create(string name) => name switch
    {
        "resnet18" => Backbone.ResNet18(),
        "resnet34" => Backbone.ResNet34(),
        "resnet50" => Backbone.ResNet50(),
        "mobilenet_v2" => Backbone.MobileNetV2(),
        "mobilenet_v3_small" => Backbone.MobileNetV3Small(),
        "mobilenet_v3_large" => Backbone.MobileNetV3Large(),
        _ => throw new ArgumentException(name, nameof(name)),
    };
}
