using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>Inputs of the wrong rank or channel count, and state dicts of another architecture.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Wrong_rank_names_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2 });
        var act = () => model.call(zeros([3, 32, 32]));
        act.Should().Throw<ArgumentException>()
            .WithMessage("ResNet-18 expects input of shape [N, 3, H, W] (a rank-4 tensor, got rank 3): got [3, 32, 32]*");
    }

    [Fact]
    public void Wrong_channel_count_names_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.MobileNetV2(new MobileNetV2Options { WidthMultiplier = 0.1, Stem = Stem.SmallImage });
        var act = () => model.call(zeros([2, 1, 16, 16]));
        act.Should().Throw<ArgumentException>()
            .WithMessage("MobileNetV2 expects input of shape [N, 3, H, W] (3 channels, got 1): got [2, 1, 16, 16]*");
        model.ExpectedInputShape.Should().Be("[N, 3, H, W]");
    }

    [Fact]
    public void Torchvision_networks_check_their_input_too()
    {
        using var scope = NewDisposeScope();
        using var small = Backbone.MobileNetV3Small(new MobileNetV3Options { InputChannels = 1, Classes = null });
        FluentActions.Invoking(() => small.call(zeros([2, 3, 32, 32]))).Should().Throw<ArgumentException>()
            .WithMessage("MobileNetV3-Small expects input of shape [N, 1, H, W] (1 channels, got 3): got [2, 3, 32, 32]*");
        small.call(zeros([2, 1, 32, 32])).shape.Should().Equal(2, 576);
    }

    [Fact]
    public void Wrong_feature_count_or_rank_for_the_mlp_names_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.Mlp(new MlpOptions { InputFeatures = 6 });
        FluentActions.Invoking(() => model.call(zeros([4, 5]))).Should().Throw<ArgumentException>()
            .WithMessage("MLP expects input of shape [N, 6] (6 features, got 5): got [4, 5]*");
        FluentActions.Invoking(() => model.call(zeros([4, 1, 6]))).Should().Throw<ArgumentException>()
            .WithMessage("MLP expects input of shape [N, 6] (a rank-2 tensor, got rank 3)*");
    }

    [Fact]
    public void Inputs_with_more_channels_work_when_configured()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [4], Classes = 3 });
        model.call(randn([2, 1, 8, 8])).shape.Should().Equal(2, 3);
        FluentActions.Invoking(() => model.call(randn([2, 3, 8, 8]))).Should().Throw<ArgumentException>().WithMessage("*[N, 1, H, W]*");
    }

    [Fact]
    public void Another_architectures_state_dict_lists_the_mismatched_keys_and_loads_nothing()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.MobileNetV2(new MobileNetV2Options { WidthMultiplier = 0.1, Classes = 4 });
        var before = Snapshot(model);
        var resnet = Fixture.StateDict("resnet18_w3.pt");

        var act = () => model.LoadPretrained(resnet);
        act.Should().Throw<ArgumentException>()
            .WithMessage("Error(s) in loading state_dict for MobileNetV2:*")
            .WithMessage("*Unexpected key(s) in state_dict: *\"conv1.weight\"*")
            .WithMessage("*Unexpected key(s) in state_dict: *\"bn1.weight\"*")
            .WithMessage("*Missing key(s) in state_dict: \"features.0.0.weight\", \"features.0.1.weight\"*");
        ShouldEqual(Snapshot(model), before);
    }

    [Fact]
    public void A_deeper_resnets_state_dict_lists_the_extra_blocks_and_a_different_width_lists_size_mismatches()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage, Classes = null });
        var before = Snapshot(model);

        FluentActions.Invoking(() => model.LoadPretrained(Fixture.StateDict("resnet34_w2_small.pt")))
            .Should().Throw<ArgumentException>().WithMessage("*Unexpected key(s) in state_dict: *\"layer1.2.conv1.weight\"*");
        FluentActions.Invoking(() => model.LoadPretrained(Fixture.StateDict("resnet18_w3.pt")))
            .Should().Throw<ArgumentException>()
            .WithMessage("*size mismatch for conv1.weight: copying a param with shape [3, 3, 7, 7] from checkpoint, the shape in current model is [2, 3, 3, 3].*");
        ShouldEqual(Snapshot(model), before);
    }

    private static Dictionary<string, float[]> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.to(ScalarType.Float32).data<float>().ToArray());

    private static void ShouldEqual(Dictionary<string, float[]> actual, Dictionary<string, float[]> expected)
    {
        actual.Keys.Should().Equal(expected.Keys);
        actual.Should().OnlyContain(entry => entry.Value.SequenceEqual(expected[entry.Key]));
    }
}
