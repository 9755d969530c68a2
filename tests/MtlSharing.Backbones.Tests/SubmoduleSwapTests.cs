using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>Any layer or block can be replaced with set_submodule (as a task switch does) and the forward pass uses it.</summary>
public sealed class SubmoduleSwapTests
{
    [Theory]
    [InlineData("resnet18_w3", "conv1")]
    [InlineData("resnet18_w3", "maxpool")]
    [InlineData("resnet18_w3", "layer1.0")]
    [InlineData("resnet18_w3", "layer2.0.conv1")]
    [InlineData("resnet18_w3", "layer2.0.downsample")]
    [InlineData("resnet18_w3", "layer3")]
    [InlineData("resnet18_w3", "fc")]
    [InlineData("resnet50_w2", "layer1.0.conv3")]
    [InlineData("resnet50_w2", "layer4.2.relu")]
    [InlineData("mobilenet_v2_x0_1", "features.0")]
    [InlineData("mobilenet_v2_x0_1", "features.2.conv")]
    [InlineData("mobilenet_v2_x0_1", "features.3")]
    [InlineData("mobilenet_v2_x0_1", "classifier.1")]
    [InlineData("small_cnn", "features.1.0")]
    [InlineData("mlp", "layers.0")]
    public void Replaced_submodule_runs_in_place_of_the_original(string variant, string path)
    {
        using var scope = NewDisposeScope();
        using var model = Fixture.Build(variant);
        model.load_state_dict(torch.load(Fixture.PathOf(Fixture.Variant(variant).GetProperty("weights").GetString()!)));
        model.eval();
        var io = torch.load(Fixture.PathOf(Fixture.Variant(variant).GetProperty("io").GetString()!));
        var original = (nn.Module<Tensor, Tensor>)model.get_submodule(path);
        var recorder = new Recorder(original);

        model.set_submodule(path, recorder);

        using (no_grad())
        {
            var output = model.call(io["input"]);
            recorder.Calls.Should().BeGreaterThan(0);
            (output - io["output"]).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
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
            var old = model.get_submodule("layer1.1.conv2");
            model.set_submodule("layer1.1.conv2", zero);
            (model.call(x) - before).abs().max().item<float>().Should().BeGreaterThan(1e-4f);
            model.set_submodule("layer1.1.conv2", old);
            (model.call(x) - before).abs().max().item<float>().Should().Be(0f);
        }
    }

    [Fact]
    public void Clone_is_an_independent_backbone_with_the_same_blocks_and_outputs()
    {
        using var scope = NewDisposeScope();
        using var model = Fixture.Build("resnet18_w2_small_headless");
        model.eval();
        using var copy = (ResNet)model.Clone();
        var x = randn([2, 3, 8, 8]);
        using (no_grad())
        {
            copy.call(x).ToArray<float>().Should().Equal(model.call(x).ToArray<float>());
            copy.Blocks.Should().BeEquivalentTo(model.Blocks, o => o.WithStrictOrdering());
            copy.get_parameter("conv1.weight").fill_(0);
            model.get_parameter("conv1.weight").abs().sum().item<float>().Should().BeGreaterThan(0);
            (copy.call(x) - model.call(x)).abs().max().item<float>().Should().BeGreaterThan(0);
        }
    }
}
