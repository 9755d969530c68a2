#region package-backbones-build
using MtlSharing.Backbones;
#endregion
#region package-backbones-pretrained
using System.Collections;
using TorchSharp.PyBridge;
#endregion
using MtlSharing.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>src/MtlSharing.Backbones/README.md: the factories with their options, and weights saved under torchvision's names loaded by file name.</summary>
public sealed class BackbonesPackageExamples
{
    [Fact]
    public void Factories_give_torchvision_models_and_their_variants()
    {
        #region package-backbones-build
        // torchvision.models.resnet18(), 1000 classes
        using var classifier = Backbone.ResNet18();

        // a headless feature extractor for 32×32 images: 3×3 stride-1 stem, no max-pool; returns [N, 512]
        using var features = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });

        // narrower networks
        using var narrow = Backbone.ResNet50(new ResNetOptions { Width = 32, Classes = 10 });
        using var mobile = Backbone.MobileNetV2(new MobileNetV2Options { WidthMultiplier = 0.5, Stem = Stem.SmallImage });
        using var mlp = Backbone.Mlp(new MlpOptions { InputFeatures = 20, Hidden = [64, 64], Classes = 3 });
        #endregion

        using var scope = NewDisposeScope();
        classifier.parameters().Sum(p => p.numel()).Should().Be(11_689_512, "torchvision's resnet18 has 11,689,512 parameters");

        features.state_dict()["conv1.weight"].shape.Should().Equal(64, 3, 3, 3);
        features.state_dict().Keys.Should().NotContain(k => k.StartsWith("fc.", StringComparison.Ordinal));
        features.Blocks[0].Should().Equal("conv1", "bn1", "relu");
        features.call(randn([2, 3, 32, 32])).shape.Should().Equal(2, 512);

        // Bottleneck blocks expand by 4: layer4 has 8 × 32 × 4 = 1,024 output channels.
        narrow.state_dict()["conv1.weight"].shape.Should().Equal(32, 3, 7, 7);
        narrow.state_dict()["fc.weight"].shape.Should().Equal(10, 1024);

        // Half width: the stem has 32 × 0.5 = 16 channels and, with stride 1, keeps 32×32; the last convolution keeps 1,280.
        ((nn.Module<Tensor, Tensor>)mobile.GetSubmodule("features.0")).call(randn([1, 3, 32, 32])).shape.Should().Equal(1, 16, 32, 32);
        mobile.FeatureCount.Should().Be(1280);

        // By hand: 20·64 + 64, 64·64 + 64, 64·3 + 3.
        mlp.parameters().Sum(p => p.numel()).Should().Be(1344 + 4160 + 195);
        mlp.call(randn([5, 20])).shape.Should().Equal(5, 3);
    }

    [Fact]
    public void Loading_a_saved_state_dict_by_file_name()
    {
        using var folder = new ScratchDirectory();
        manual_seed(3);
        using (var source = Backbone.ResNet18())
        {
            source.save_py("resnet18-imagenet.pt");   // a stand-in for the file PyTorch writes
        }

        #region package-backbones-pretrained
        var state = PyTorchUnpickler.UnpickleStateDict("resnet18-imagenet.pt")
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (Tensor)e.Value!);

        using var model = Backbone.ResNet18();
        model.LoadPretrained(state);

        using var backbone = Backbone.ResNet18(new ResNetOptions { Classes = null });
        backbone.LoadPretrained(state);     // headless: the fc.* keys are ignored
        #endregion

        using var scope = NewDisposeScope();
        manual_seed(3);
        using var original = Backbone.ResNet18();
        var saved = original.state_dict();
        var loaded = model.state_dict();
        loaded.Keys.Should().BeEquivalentTo(saved.Keys);
        loaded.Should().AllSatisfy(entry => entry.Value.SameAs(saved[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));

        var headless = backbone.state_dict();
        headless.Keys.Should().BeEquivalentTo(saved.Keys.Where(k => !k.StartsWith("fc.", StringComparison.Ordinal)));
        headless.Should().AllSatisfy(entry => entry.Value.SameAs(saved[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));

        using var loadedByPyBridge = Backbone.ResNet18();
        loadedByPyBridge.load_py("resnet18-imagenet.pt");   // the README's other way: strict, no head skipped
        loadedByPyBridge.state_dict()["fc.weight"].SameAs(saved["fc.weight"]).Should().BeTrue();
    }
}
