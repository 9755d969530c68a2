using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>
/// State dicts saved by PyTorch (torch.save of the reduced-width torchvision models, see
/// Fixtures/record_backbones.py) load unchanged and give PyTorch's evaluation-mode outputs.
/// </summary>
public sealed class PretrainedWeightsTests
{
    public static TheoryData<string> Variants => Fixture.VariantNames;

    [Theory]
    [MemberData(nameof(Variants))]
    public void Pytorch_state_dict_loads_and_outputs_agree_to_1e_4(string name)
    {
        using var scope = NewDisposeScope();
        var variant = Fixture.Variant(name);
        using var model = Fixture.Build(name);
        model.load_state_dict(torch.load(Fixture.PathOf(variant.GetProperty("weights").GetString()!)));
        model.eval();
        var io = torch.load(Fixture.PathOf(variant.GetProperty("io").GetString()!));
        var expected = io["output"];

        using (no_grad())
        {
            var output = model.call(io["input"]);
            output.shape.Should().Equal(expected.shape);
            expected.abs().max().item<float>().Should().BeGreaterThan(0.1f, "the fixture's outputs are not trivially small");
            (output - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
    }

    [Fact]
    public void Headless_backbone_loads_a_checkpoint_with_a_head_and_gives_its_features()
    {
        using var scope = NewDisposeScope();
        var state = torch.load(Fixture.PathOf("resnet18_w3.pt"));
        var io = torch.load(Fixture.PathOf("resnet18_w3.io.pt"));
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 3, Classes = null });
        model.LoadPretrained(state);
        model.eval();

        using (no_grad())
        {
            var features = model.call(io["input"]);
            features.shape.Should().Equal(2, 24);
            var logits = nn.functional.linear(features, state["fc.weight"], state["fc.bias"]);
            (logits - io["output"]).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
    }

    [Fact]
    public void Strict_load_into_a_headless_backbone_names_the_head_keys()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 3, Classes = null });
        var act = () => model.load_state_dict(torch.load(Fixture.PathOf("resnet18_w3.pt")));
        act.Should().Throw<ArgumentException>().WithMessage("*Unexpected key(s)*\"fc.weight\", \"fc.bias\"*");
    }

    [Fact]
    public void Loading_a_headless_checkpoint_into_a_classifier_lists_the_missing_head()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage, Classes = 10 });
        var act = () => model.LoadPretrained(torch.load(Fixture.PathOf("resnet18_w2_small_headless.pt")));
        act.Should().Throw<ArgumentException>().WithMessage("*Missing key(s)*\"fc.weight\", \"fc.bias\"*");
    }
}
