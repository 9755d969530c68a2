#region package-backbones-build
using MtlSharing.Backbones;
#endregion
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

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
        ((nn.Module<Tensor, Tensor>)mobile.get_submodule("features.0")).call(randn([1, 3, 32, 32])).shape.Should().Equal(1, 16, 32, 32);
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
            torch.save(source.state_dict(), "resnet18-imagenet.pt");   // a stand-in for the file PyTorch writes
        }

        #region package-backbones-pretrained
        using var scope = torch.NewDisposeScope();                       // frees the loaded tensors
        using var model = Backbone.ResNet18();
        model.LoadPretrained(torch.load("resnet18-imagenet.pt"));

        using var backbone = Backbone.ResNet18(new ResNetOptions { Classes = null });
        backbone.LoadPretrained(torch.load("resnet18-imagenet.pt"));     // headless: the fc.* keys are ignored
        #endregion

        var saved = torch.load(Path.Combine(folder.Path, "resnet18-imagenet.pt"));
        var loaded = model.state_dict();
        loaded.Keys.Should().BeEquivalentTo(saved.Keys);
        loaded.Should().AllSatisfy(entry => entry.Value.equal(saved[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));

        var headless = backbone.state_dict();
        headless.Keys.Should().BeEquivalentTo(saved.Keys.Where(k => !k.StartsWith("fc.", StringComparison.Ordinal)));
        headless.Should().AllSatisfy(entry => entry.Value.equal(saved[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));
    }
}
