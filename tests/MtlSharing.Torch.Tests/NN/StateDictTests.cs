using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.NN;

public sealed class StateDictTests
{
    [Fact]
    public void State_dict_tensors_are_detached_aliases_of_the_live_storage()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(2, 2);
        var state = linear.state_dict();
        state["weight"].requires_grad.Should().BeFalse();
        state["weight"].Should().NotBeSameAs(linear.weight);
        state["weight"].fill_(4);
        linear.weight.ToArray<float>().Should().OnlyContain(v => v == 4f);
    }

    [Fact]
    public void State_dict_leaves_out_non_persistent_buffers_and_takes_a_prefix()
    {
        using var scope = NewDisposeScope();
        using var model = new NestedNet();
        var state = model.state_dict(prefix: "backbone.");
        state.Keys.Should().Contain("backbone.scale").And.NotContain(k => k.EndsWith("cache", StringComparison.Ordinal));
        state.Keys.Should().AllSatisfy(k => k.Should().StartWith("backbone."));
    }

    [Fact]
    public void Load_state_dict_copies_every_value_in_place()
    {
        using var scope = NewDisposeScope();
        using var source = new NestedNet();
        using var target = new NestedNet();
        source.call(randn([2, 3, 8, 8]));
        var weightBefore = target.get_parameter("conv1.weight");

        var (missing, unexpected) = target.load_state_dict(source.state_dict());

        missing.Should().BeEmpty();
        unexpected.Should().BeEmpty();
        target.get_parameter("conv1.weight").Should().BeSameAs(weightBefore);
        var loaded = target.state_dict();
        foreach (var (key, value) in source.state_dict())
        {
            loaded[key].equal(value).Should().BeTrue(key);
        }

        weightBefore.requires_grad.Should().BeTrue();
        weightBefore.is_leaf.Should().BeTrue();
    }

    [Fact]
    public void Strict_load_with_key_mismatches_lists_them_and_changes_nothing()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(2, 2);
        var before = linear.weight.clone();
        var source = new Dictionary<string, Tensor>
        {
            ["weight"] = zeros([2, 2]),
            ["gain"] = zeros([2]),
        };

        var act = () => linear.load_state_dict(source);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*Linear*Unexpected key(s) in state_dict: \"gain\"*Missing key(s) in state_dict: \"bias\"*");
        linear.weight.equal(before).Should().BeTrue();
    }

    [Fact]
    public void Non_strict_load_reports_missing_and_unexpected_keys_and_loads_the_rest()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(2, 2);
        var bias = linear.bias!.clone();
        var source = new Dictionary<string, Tensor>
        {
            ["weight"] = full([2, 2], 3.0),
            ["gain"] = zeros([2]),
        };

        var (missing, unexpected) = linear.load_state_dict(source, strict: false);

        missing.Should().Equal("bias");
        unexpected.Should().Equal("gain");
        linear.weight.ToArray<float>().Should().OnlyContain(v => v == 3f);
        linear.bias.equal(bias).Should().BeTrue();
    }

    [Fact]
    public void A_shape_mismatch_always_fails_naming_the_key_and_both_shapes_and_changes_nothing()
    {
        using var scope = NewDisposeScope();
        using var model = nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 4));
        var before = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        var source = model.state_dict().ToDictionary(e => e.Key, e => zeros_like(e.Value));
        source["1.weight"] = zeros([4, 5]);

        var act = () => model.load_state_dict(source, strict: false);

        act.Should().Throw<ArgumentException>()
            .WithMessage("*size mismatch for 1.weight: copying a param with shape [4, 5] from checkpoint, the shape in current model is [4, 3]*");
        foreach (var (key, value) in model.state_dict())
        {
            value.equal(before[key]).Should().BeTrue(key);
        }
    }

    [Fact]
    public void Buffers_load_too_including_the_int64_batch_counter()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(2);
        var state = bn.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        state["running_mean"] = tensor(new float[] { 5, 6 });
        state["num_batches_tracked"] = full([], 9, ScalarType.Int64);
        bn.load_state_dict(state);
        bn.running_mean!.ToArray<float>().Should().Equal(5f, 6f);
        bn.num_batches_tracked!.item<long>().Should().Be(9);
    }
}
