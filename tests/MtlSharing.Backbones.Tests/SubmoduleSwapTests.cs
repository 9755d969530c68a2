using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>
/// Any layer or block can be replaced with SetSubmodule (as a task switch is) and the forward pass
/// uses it, also where TorchVision's forward pass reads its own readonly fields.
/// </summary>
public sealed class SubmoduleSwapTests
{
    [Theory]
    [InlineData("resnet18_w3", "conv1")]
    [InlineData("resnet18_w3", "maxpool")]
    [InlineData("resnet18_w3", "layer1.0")]
    [InlineData("resnet18_w3", "layer2.0.conv1")]
    [InlineData("resnet18_w3", "layer2.0.downsample")]
    [InlineData("resnet18_w3", "layer3.1")]
    [InlineData("resnet18_w3", "avgpool")]
    [InlineData("resnet18_w3", "fc")]
    [InlineData("resnet50_w2", "layer1.0.conv3")]
    [InlineData("resnet50_w2", "layer4.2.relu2")]
    [InlineData("mobilenet_v2_x0_1", "features.0")]
    [InlineData("mobilenet_v2_x0_1", "features.2.conv")]
    [InlineData("mobilenet_v2_x0_1", "features.3")]
    [InlineData("mobilenet_v2_x0_1", "classifier.1")]
    [InlineData("mobilenet_v3_small", "features.1.block.1.fc1")]
    [InlineData("mobilenet_v3_small", "features.4")]
    [InlineData("mobilenet_v3_small", "classifier")]
    [InlineData("small_cnn", "features.1.0")]
    [InlineData("mlp", "layers.0")]
    public void Replaced_submodule_runs_in_place_of_the_original(string variant, string path)
    {
        using var scope = NewDisposeScope();
        using var model = Fixture.BuildWithWeights(variant);
        model.eval();
        var (input, expected) = Fixture.Io(variant);
        var original = (nn.Module<Tensor, Tensor>)model.GetSubmodule(path);
        var recorder = new Recorder(original);

        model.SetSubmodule(path, recorder);

        using (no_grad())
        {
            var output = model.call(input);
            recorder.Calls.Should().BeGreaterThan(0);
            (output - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
    }

    [Fact]
    public void A_whole_resnet_layer_cannot_be_replaced_because_torchvision_declares_it_sequential()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2 });
        var layer = model.GetSubmodule("layer3");
        using var recorder = new Recorder((nn.Module<Tensor, Tensor>)layer);

        FluentActions.Invoking(() => model.SetSubmodule("layer3", recorder)).Should().Throw<InvalidOperationException>()
            .WithMessage("cannot replace 'layer3': field 'layer3' of ResNet is declared as Sequential*");
        model.GetSubmodule("layer3").Should().BeSameAs(layer);
        model.GetSubmodule("layer3.0").Should().BeSameAs(((TorchSharp.Modules.Sequential)layer)[0]);
    }

    [Fact]
    public void A_replaced_convolution_changes_the_output()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage, Classes = 3 });
        model.eval();
        var x = randn([2, 3, 8, 8]);
        using var zero = nn.Conv2d(2, 2, 3, padding: 1, bias: false);
        nn.init.zeros_(zero.weight);
        using (no_grad())
        {
            var before = model.call(x);
            var old = model.GetSubmodule("layer1.1.conv2");
            model.SetSubmodule("layer1.1.conv2", zero);
            (model.call(x) - before).abs().max().item<float>().Should().BeGreaterThan(1e-4f);
            model.SetSubmodule("layer1.1.conv2", old);
            (model.call(x) - before).abs().max().item<float>().Should().Be(0f);
        }
    }

    [Fact]
    public void Deep_copy_is_an_independent_backbone_with_the_same_blocks_and_outputs()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage, Classes = null });
        model.eval();
        using var copy = model.DeepCopy();
        var x = randn([2, 3, 8, 8]);
        using (no_grad())
        {
            copy.call(x).data<float>().ToArray().Should().Equal(model.call(x).data<float>().ToArray());
            copy.Blocks.Should().BeEquivalentTo(model.Blocks, o => o.WithStrictOrdering());
            copy.get_parameter("conv1.weight")!.fill_(0);
            model.get_parameter("conv1.weight")!.abs().sum().item<float>().Should().BeGreaterThan(0);
            (copy.call(x) - model.call(x)).abs().max().item<float>().Should().BeGreaterThan(0);
        }
    }
}
