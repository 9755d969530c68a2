using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.NN;

public sealed class LayerTests
{
    [Fact]
    public void Linear_computes_x_w_transposed_plus_b()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(2, 3);
        linear.load_state_dict(new Dictionary<string, Tensor>
        {
            ["weight"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 3, 2 }),
            ["bias"] = tensor(new float[] { 0.5f, -1, 0 }),
        });
        var y = linear.call(tensor(new float[] { 1, -1, 2, 0 }, new long[] { 2, 2 }));
        y.shape.Should().Equal(2, 3);
        y.ToArray<float>().Should().Equal(-0.5f, -2f, -1f, 2.5f, 5f, 10f);
    }

    [Fact]
    public void Conv2d_with_padding_sums_each_neighbourhood()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(1, 1, 3, padding: 1, bias: false);
        nn.init.ones_(conv.weight);
        conv.call(ones([1, 1, 3, 3])).ToArray<float>().Should().Equal(4f, 6f, 4f, 6f, 9f, 6f, 4f, 6f, 4f);
        using var strided = nn.Conv2d(2, 4, (3, 1), stride: (2, 1), padding: (1, 0));
        strided.call(ones([1, 2, 5, 5])).shape.Should().Equal(1, 4, 3, 5);
        var act = () => nn.Conv2d(3, 4, 3, groups: 2);
        act.Should().Throw<ArgumentException>().WithMessage("*divisible by groups (2)*");
    }

    [Fact]
    public void Activations_compute_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -2, 0.5f, 7 });
        nn.ReLU().call(x).ToArray<float>().Should().Equal(0f, 0.5f, 7f);
        nn.ReLU6().call(x).ToArray<float>().Should().Equal(0f, 0.5f, 6f);
        var gelu = nn.GELU().call(tensor(new float[] { 1 })).item<float>();
        gelu.Should().BeApproximately(0.8413447f, 1e-6f);
        nn.GELU("tanh").call(tensor(new float[] { 1 })).item<float>().Should().BeApproximately(0.8411920f, 1e-6f);
        x.ToArray<float>().Should().Equal(-2f, 0.5f, 7f);
    }

    [Fact]
    public void In_place_activations_overwrite_and_return_the_input()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -2, 0.5f, 7 });
        nn.ReLU(inplace: true).call(x).Should().BeSameAs(x);
        x.ToArray<float>().Should().Equal(0f, 0.5f, 7f);
        nn.ReLU6(inplace: true).call(x).Should().BeSameAs(x);
        x.ToArray<float>().Should().Equal(0f, 0.5f, 6f);
    }

    [Fact]
    public void Pooling_layers_take_the_max_or_mean_of_each_window()
    {
        using var scope = NewDisposeScope();
        var x = arange(0, 16, 1, float32).reshape(1, 1, 4, 4);
        nn.MaxPool2d(2).call(x).ToArray<float>().Should().Equal(5f, 7f, 13f, 15f);
        nn.AvgPool2d(2).call(x).ToArray<float>().Should().Equal(2.5f, 4.5f, 10.5f, 12.5f);
        nn.AdaptiveAvgPool2d(1).call(x).ToArray<float>().Should().Equal(7.5f);
        nn.AdaptiveAvgPool2d((2, 1)).call(x).ToArray<float>().Should().Equal(3.5f, 11.5f);
        nn.MaxPool2d(3, stride: 1, padding: 1).call(x).shape.Should().Equal(1, 1, 4, 4);
    }

    [Fact]
    public void Layer_norm_normalises_the_last_dimension()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.LayerNorm(4);
        var y = norm.call(tensor(new float[] { 1, 2, 3, 4 }, new long[] { 1, 4 })).ToArray<float>();
        var s = Math.Sqrt(1.25 + 1e-5);
        y.Should().Equal(new[] { -1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s }.Select(v => (float)v), (a, b) => Math.Abs(a - b) < 1e-5);
        norm.state_dict().Keys.Should().Equal("weight", "bias");
    }

    [Fact]
    public void Dropout_drops_in_training_and_passes_through_in_eval()
    {
        using var scope = NewDisposeScope();
        using var dropout = nn.Dropout(0.25);
        var x = ones([100_000]);
        var kept = dropout.call(x).ToArray<float>();
        var zeros = kept.Count(v => v == 0f);
        ((double)zeros / kept.Length).Should().BeApproximately(0.25, 0.01);
        kept.Where(v => v != 0f).Should().OnlyContain(v => Math.Abs(v - (1 / 0.75f)) < 1e-6);
        dropout.eval();
        dropout.call(x).ToArray<float>().Should().OnlyContain(v => v == 1f);
        var act = () => nn.Dropout(1.5);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Flatten_and_identity_reshape_or_return_the_input()
    {
        using var scope = NewDisposeScope();
        var x = ones([2, 3, 4, 5]);
        nn.Flatten().call(x).shape.Should().Equal(2, 60);
        nn.Flatten(0, 2).call(x).shape.Should().Equal(24, 5);
        nn.Identity().call(x).Should().BeSameAs(x);
    }

    [Fact]
    public void Sequential_chains_named_children_and_indexes_them()
    {
        using var scope = NewDisposeScope();
        var first = nn.Linear(2, 2);
        using var model = nn.Sequential(("fc", first), ("act", nn.ReLU()));
        model.append(nn.Identity());
        model.named_children().Select(c => c.name).Should().Equal("fc", "act", "2");
        model[0].Should().BeSameAs(first);
        model[-1].Should().BeOfType<Identity>();
        model["fc"].Should().BeSameAs(first);
        model.Count.Should().Be(3);
        model.call(ones([1, 2])).ToArray<float>().Should().OnlyContain(v => v >= 0f);
        var act = () => model.register_module("list", nn.ModuleList());
        act.Should().Throw<ArgumentException>().WithMessage("Sequential holds only Module<Tensor, Tensor> children; 'list' would be ModuleList<Module>*");
    }

    [Fact]
    public void Module_list_renumbers_its_children_on_insert_and_remove()
    {
        var a = nn.ReLU();
        var b = nn.Identity();
        var c = nn.Flatten();
        using var list = nn.ModuleList<nn.Module<Tensor, Tensor>>(a, c);
        list.Insert(1, b);
        list.named_children().Select(x => x.name).Should().Equal("0", "1", "2");
        list.Should().Equal(a, b, c);
        list.Remove(a).Should().BeTrue();
        list.named_children().Should().Equal([("0", (nn.Module)b), ("1", c)]);
        list[1] = a;
        list.IndexOf(a).Should().Be(1);
        list.Contains(c).Should().BeFalse();
        c.Dispose();
    }

    [Fact]
    public void Module_dict_keeps_insertion_order_and_explains_missing_keys()
    {
        using var dict = nn.ModuleDict(("cars", nn.Linear(2, 3)), ("birds", nn.Linear(2, 4)));
        dict.Keys.Should().Equal("cars", "birds");
        dict["birds"].out_features.Should().Be(4);
        dict.TryGetValue("dogs", out _).Should().BeFalse();
        var act = () => dict["dogs"];
        act.Should().Throw<KeyNotFoundException>().WithMessage("*no key 'dogs'; its keys are cars, birds*");
        var removed = dict["cars"];
        dict.Remove("cars").Should().BeTrue();
        dict.named_children().Select(x => x.name).Should().Equal("birds");
        removed.Dispose();
    }
}
