#region backbones-build
using MtlSharing.Backbones;
#endregion
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>docs/backbones.md: the factories and their options, costs, and loading torchvision-named weights.</summary>
public sealed class BackboneExamples
{
    [Fact]
    public void Factories_and_options()
    {
        #region backbones-build
        using var resnet = Backbone.ResNet18();                                   // torchvision's resnet18(): 1000 classes
        using var features = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });   // 32×32 inputs, returns [N, 512]
        using var narrow = Backbone.ResNet50(new ResNetOptions { Width = 32, Classes = 10 });
        using var mobile = Backbone.MobileNetV2(new MobileNetV2Options { WidthMultiplier = 0.5, Stem = Stem.SmallImage });
        using var cnn = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [32, 64], Classes = null });
        using var mlp = Backbone.Mlp(new MlpOptions { InputFeatures = 20, Hidden = [64, 64], Classes = 3 });

        Console.WriteLine(features.Describe(3, 32, 32));   // per block: output shape, parameters, multiply-adds
        Console.WriteLine($"{features.Blocks.Count} blocks, {features.FeatureCount} features");
        #endregion

        resnet.parameters().Sum(p => p.numel()).Should().Be(11_689_512, "torchvision's resnet18 has 11,689,512 parameters");
        features.Blocks.Count.Should().Be(9);
        features.Blocks[0].Should().Equal("conv1", "bn1", "relu");
        features.FeatureCount.Should().Be(512);
        cnn.Blocks.Select(b => b.Single()).Should().Equal("features.0", "features.1");
        mlp.Blocks.Select(b => b.Single()).Should().Equal("layers.0", "layers.1");
    }

    [Fact]
    public void Loading_weights_saved_with_torchvision_names()
    {
        var weightsPath = Path.Combine(Path.GetTempPath(), $"mtlsharing-docs-{Guid.NewGuid():N}.pt");
        try
        {
            manual_seed(3);
            using (var source = Backbone.ResNet18())
            {
                torch.save(source.state_dict(), weightsPath);   // a stand-in for the file PyTorch writes
            }

            #region backbones-pretrained
            using var scope = torch.NewDisposeScope();                       // frees the loaded tensors
            using var backbone = Backbone.ResNet18(new ResNetOptions { Classes = null });
            backbone.LoadPretrained(torch.load(weightsPath));                // headless: the fc.* keys are skipped
            #endregion

            var saved = torch.load(weightsPath);
            backbone.state_dict()["layer4.1.conv2.weight"].equal(saved["layer4.1.conv2.weight"]).Should().BeTrue();
            backbone.state_dict().Keys.Should().NotContain(k => k.StartsWith("fc.", StringComparison.Ordinal));

            using var wrong = Backbone.ResNet34(new ResNetOptions { Classes = null });
            FluentActions.Invoking(() => wrong.LoadPretrained(saved)).Should().Throw<ArgumentException>().WithMessage("*layer3.2*");
        }
        finally
        {
            File.Delete(weightsPath);
        }
    }
}
