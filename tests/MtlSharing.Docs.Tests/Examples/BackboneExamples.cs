#region backbones-build
using MtlSharing.Backbones;
#endregion
#region backbones-pretrained
using System.Collections;
using TorchSharp.PyBridge;
#endregion
using TorchSharp;
using static TorchSharp.torch;

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
        using var small = Backbone.MobileNetV3Small(new MobileNetV3Options { Classes = null });   // returns [N, 576]
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

        // torchvision's mobilenet_v3_small has 2,542,856 parameters; its classifier, Linear(576, 1024)
        // and Linear(1024, 1000), holds 576·1024 + 1024 + 1024·1000 + 1000 = 1,615,848 of them.
        small.parameters().Sum(p => p.numel()).Should().Be(2_542_856 - 1_615_848);
        small.FeatureCount.Should().Be(576);
        small.Blocks.Count.Should().Be(13);
        using var scope = NewDisposeScope();
        small.eval();
        small.call(zeros(2, 3, 64, 64)).shape.Should().Equal(2, 576);
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
                source.save_py(weightsPath);   // a stand-in for the file PyTorch's torch.save(model.state_dict(), path) writes
            }

            #region backbones-pretrained
            using var scope = torch.NewDisposeScope();                       // frees the loaded tensors
            var state = PyTorchUnpickler.UnpickleStateDict(weightsPath)
                .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (Tensor)e.Value!);
            using var backbone = Backbone.ResNet18(new ResNetOptions { Classes = null });
            backbone.LoadPretrained(state);                                  // headless: the fc.* keys are skipped
            #endregion

            var loaded = backbone.state_dict();
            loaded.Keys.Should().BeEquivalentTo(state.Keys.Where(k => !k.StartsWith("fc.", StringComparison.Ordinal)));
            loaded.Should().AllSatisfy(entry => entry.Value.SameAs(state[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));

            using var wrong = Backbone.ResNet34(new ResNetOptions { Classes = null });
            var before = wrong.state_dict()["layer1.0.conv1.weight"].clone();
            FluentActions.Invoking(() => wrong.LoadPretrained(state)).Should().Throw<ArgumentException>().WithMessage("*layer3.2*");
            wrong.state_dict()["layer1.0.conv1.weight"].SameAs(before).Should().BeTrue("nothing is copied when a key does not fit");
        }
        finally
        {
            File.Delete(weightsPath);
        }
    }
}
