namespace MtlSharing.Torch.Tests.NN;

/// <summary>Names, order and counts of a nested model, compared with what PyTorch reports (Fixtures/record_module_names.py).</summary>
public sealed class ModuleNamingTests
{
    [Fact]
    public void Named_parameters_match_pytorch_names_and_order()
    {
        using var model = new NestedNet();
        model.named_parameters().Select(p => p.name).Should().Equal(Fixture.Strings("named_parameters"));
    }

    [Fact]
    public void State_dict_keys_match_pytorch_names_and_order()
    {
        using var scope = NewDisposeScope();
        using var model = new NestedNet();
        model.state_dict().Keys.Should().Equal(Fixture.Strings("state_dict"));
    }

    [Fact]
    public void Named_buffers_match_pytorch_and_include_non_persistent_ones()
    {
        using var model = new NestedNet();
        model.named_buffers().Select(b => b.name).Should().Equal(Fixture.Strings("named_buffers"));
    }

    [Fact]
    public void Named_modules_match_pytorch_paths_types_and_order()
    {
        using var model = new NestedNet();
        var expected = Fixture.Get("named_modules").EnumerateArray()
            .Select(e => $"{e[0].GetString()}:{e[1].GetString()}");
        model.named_modules().Select(m => $"{m.name}:{m.module.GetName()}").Should().Equal(expected);
    }

    [Fact]
    public void Parameter_count_matches_pytorch()
    {
        using var model = new NestedNet();
        model.parameters().Sum(p => p.numel()).Should().Be(Fixture.Get("parameter_count").GetInt64());
    }

    [Theory]
    [InlineData("conv", 448)] // 16 × 3 × 3 × 3 + 16
    [InlineData("conv_nobias", 432)]
    [InlineData("linear", 55)] // 5 × 10 + 5
    [InlineData("bn", 32)] // weight and bias of 16 channels; running stats are buffers
    [InlineData("grouped", 72)] // 8 × (4 / 2) × 2 × 2 + 8
    public void Layer_parameter_counts_follow_the_shapes(string layer, long expected)
    {
        using nn.Module module = layer switch
        {
            "conv" => nn.Conv2d(3, 16, 3),
            "conv_nobias" => nn.Conv2d(3, 16, 3, bias: false),
            "linear" => nn.Linear(10, 5),
            "bn" => nn.BatchNorm2d(16),
            _ => nn.Conv2d(4, 8, 2, groups: 2),
        };
        module.parameters().Sum(p => p.numel()).Should().Be(expected);
    }

    [Fact]
    public void Named_parameters_without_recursion_lists_only_own_parameters()
    {
        using var model = nn.Sequential(nn.Linear(2, 3));
        model.named_parameters(recurse: false).Should().BeEmpty();
        model.named_parameters().Select(p => p.name).Should().Equal("0.weight", "0.bias");
    }

    [Fact]
    public void A_shared_module_and_its_parameters_are_listed_once()
    {
        var shared = nn.Linear(2, 2);
        using var model = nn.Sequential(shared, nn.ReLU(), shared);
        model.named_parameters().Select(p => p.name).Should().Equal("0.weight", "0.bias");
        model.named_modules().Select(m => m.name).Should().Equal("", "0", "1");
        model.children().Should().HaveCount(2);
    }

    [Fact]
    public void A_shared_parameter_is_listed_once_but_state_dict_keeps_both_keys()
    {
        using var scope = NewDisposeScope();
        var first = nn.Linear(3, 3);
        var second = nn.Linear(3, 3);
        using var replaced = second.weight;
        second.weight = first.weight;
        using var model = nn.Sequential(first, second);
        model.named_parameters().Select(p => p.name).Should().Equal("0.weight", "0.bias", "1.bias");
        model.state_dict().Keys.Should().Equal("0.weight", "0.bias", "1.weight", "1.bias");
    }
}
