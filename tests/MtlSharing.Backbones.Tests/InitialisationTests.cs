using MtlSharing.Backbones;
using TorchSharp.Modules;

namespace MtlSharing.Backbones.Tests;

/// <summary>Initialisation as torchvision's, draw for draw after the same seed, and by its statistics at full size.</summary>
public sealed class InitialisationTests
{
    public static TheoryData<string> Variants => Fixture.VariantNames;

    [Theory]
    [MemberData(nameof(Variants))]
    public void Seeded_initial_state_equals_pytorchs_and_the_generator_continues_as_pytorchs(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var model = Fixture.Build(name);
        var next = randn(4).data<float>().ToArray();
        ShouldEqualRecordedState(model.state_dict(), name);
        var recorded = Fixture.Variant(name).GetProperty("next_draw").EnumerateArray().Select(v => v.GetSingle());
        next.Should().Equal(recorded, (a, b) => Math.Abs(a - b) < 1e-6f, "construction leaves the generator where PyTorch's construction leaves it");
    }

    [Fact]
    public void Resnet18_convolutions_are_kaiming_normal_fan_out_and_fc_keeps_the_linear_default()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18();
        // layer3.0.conv1 maps 128 to 256 channels: fan_out = 256 × 9, fan_in would be 128 × 9.
        var conv = (Conv2d)model.GetSubmodule("layer3.0.conv1");
        Std(conv.weight).Should().BeApproximately(Math.Sqrt(2.0 / (256 * 9)), 0.02 * Math.Sqrt(2.0 / (256 * 9)));
        var bn = (BatchNorm2d)model.GetSubmodule("layer3.1.bn2");
        bn.weight!.data<float>().ToArray().Should().OnlyContain(v => v == 1f);
        bn.bias!.data<float>().ToArray().Should().OnlyContain(v => v == 0f);
        var fc = (Linear)model.GetSubmodule("fc");
        var bound = 1 / Math.Sqrt(512);
        fc.weight.abs().max().item<float>().Should().BeLessThanOrEqualTo((float)bound).And.BeGreaterThan((float)(0.99 * bound));
        Std(fc.weight).Should().BeApproximately(bound / Math.Sqrt(3), 0.02 * bound);
    }

    [Fact]
    public void MobileNetV2_linear_is_normal_0_01_with_zero_bias_and_convolutions_are_kaiming_fan_out()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.MobileNetV2();
        var linear = (Linear)model.GetSubmodule("classifier.1");
        Std(linear.weight).Should().BeApproximately(0.01, 0.0002);
        linear.weight.mean().item<float>().Should().BeApproximately(0f, 0.0002f);
        linear.bias!.data<float>().ToArray().Should().OnlyContain(v => v == 0f);
        var pointwise = (Conv2d)model.GetSubmodule("features.18.0");
        Std(pointwise.weight).Should().BeApproximately(Math.Sqrt(2.0 / 1280), 0.02 * Math.Sqrt(2.0 / 1280));
        // PyTorch's fan_out of a depthwise kernel [960, 1, 3, 3] is 960 × 9, not 9.
        var depthwise = (Conv2d)model.GetSubmodule("features.17.conv.1.0");
        Std(depthwise.weight).Should().BeApproximately(Math.Sqrt(2.0 / (960 * 9)), 0.05 * Math.Sqrt(2.0 / (960 * 9)));
    }

    /// <summary>Each state_dict tensor's sum and sum of squares against the summary record_backbones.py took after the same seed.</summary>
    internal static void ShouldEqualRecordedState(IReadOnlyDictionary<string, Tensor> state, string variant)
    {
        var expected = Fixture.Variant(variant).GetProperty("initial_state");
        state.Keys.Should().BeEquivalentTo(expected.EnumerateObject().Select(p => p.Name));
        foreach (var (key, tensor) in state)
        {
            var values = tensor.to(ScalarType.Float64).data<double>().ToArray();
            var sum = expected.GetProperty(key)[0].GetDouble();
            var squares = expected.GetProperty(key)[1].GetDouble();
            values.Sum().Should().BeApproximately(sum, 1e-6 * Math.Max(1, Math.Abs(sum)), key);
            values.Sum(v => v * v).Should().BeApproximately(squares, 1e-6 * Math.Max(1, squares), key);
        }
    }

    private static double Std(Tensor tensor) => tensor.to(ScalarType.Float64).std().item<double>();
}
