using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.NN;

public sealed class SubmoduleTests
{
    [Fact]
    public void Get_submodule_walks_dotted_paths()
    {
        using var model = new NestedNet();
        model.get_submodule("").Should().BeSameAs(model);
        model.get_submodule("layer1.1.downsample.0").Should().BeOfType<Conv2d>();
        model.get_submodule("heads.birds").Should().BeOfType<Linear>();
    }

    [Fact]
    public void An_unknown_path_names_the_failing_part_and_the_nearest_names()
    {
        using var model = new NestedNet();
        var act = () => model.get_submodule("layer1.0.conv3");
        act.Should().Throw<ArgumentException>()
            .WithMessage("no submodule 'layer1.0.conv3' in NestedNet: 'layer1.0' (Block) has no child 'conv3'; nearest: layer1.0.conv1, layer1.0.conv2, layer1.0.bn1*");
        var leaf = () => model.get_submodule("conv1.x");
        leaf.Should().Throw<ArgumentException>().WithMessage("*'conv1' (Conv2d) has no child 'x'; it has no submodules*");
        var setter = () => model.set_submodule("layer2", nn.Identity());
        setter.Should().Throw<ArgumentException>().WithMessage("*has no child 'layer2'; nearest: layer1*");
    }

    [Fact]
    public void Set_submodule_re_points_the_parent_field_so_forward_uses_the_new_child()
    {
        using var scope = NewDisposeScope();
        using var model = new NestedNet();
        model.eval();
        var x = randn([2, 3, 8, 8]);
        var before = model.call(x);
        var zero = new Zero();

        using var old = model.get_submodule("layer1.1.conv2");
        model.set_submodule("layer1.1.conv2", zero);

        model.get_submodule("layer1.1.conv2").Should().BeSameAs(zero);
        model.named_modules().Select(m => m.name).Should().Contain("layer1.1.conv2");
        model.named_parameters().Select(p => p.name).Should().NotContain("layer1.1.conv2.weight");
        zero.Calls.Should().Be(0);
        var after = model.call(x);
        zero.Calls.Should().Be(1);
        after.equal(before).Should().BeFalse();
        old.IsDisposed.Should().BeFalse();
    }

    [Fact]
    public void Set_submodule_keeps_the_position_in_named_children()
    {
        using var model = new NestedNet();
        using var old = model.get_submodule("layer1.0.bn1");
        var identity = nn.Identity();
        model.set_submodule("layer1.0.bn1", identity);
        model.get_submodule("layer1.0").named_children().Select(c => c.name).Should().Equal("conv1", "bn1", "relu", "conv2", "bn2");
        model.get_submodule("layer1.0.bn1").Should().BeSameAs(identity);
    }

    [Fact]
    public void Set_submodule_in_a_sequential_is_used_by_its_forward()
    {
        using var scope = NewDisposeScope();
        using var model = nn.Sequential(nn.Linear(2, 2), nn.ReLU());
        using var old = model.get_submodule("0");
        model.set_submodule("0", new Zero());
        model.call(ones([3, 2])).ToArray<float>().Should().OnlyContain(v => v == 0f);
    }

    [Fact]
    public void A_field_that_cannot_hold_the_new_type_fails_and_nothing_changes()
    {
        using var model = new NestedNet();
        var conv1 = model.get_submodule("conv1");
        var act = () => model.set_submodule("conv1", new Zero());
        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*field 'conv1' of NestedNet is declared as Conv2d and cannot hold the replacement, of type Zero*");
        model.get_submodule("conv1").Should().BeSameAs(conv1);
    }

    [Fact]
    public void A_container_that_cannot_hold_the_new_type_fails()
    {
        using var model = new NestedNet();
        var act = () => model.set_submodule("heads.cars", new Zero());
        act.Should().Throw<InvalidOperationException>().WithMessage("*ModuleDict, which holds only Linear children, not Zero*");
    }

    [Fact]
    public void Get_parameter_finds_dotted_parameters_and_suggests_names()
    {
        using var model = new NestedNet();
        model.get_parameter("layer1.0.bn1.bias").Should().BeSameAs(((BatchNorm)model.get_submodule("layer1.0.bn1")).bias);
        var act = () => model.get_parameter("heads.cars.weigth");
        act.Should().Throw<ArgumentException>().WithMessage("*has no parameter 'weigth'; nearest: weight*");
    }

    private sealed class Zero : nn.Module<Tensor, Tensor>
    {
        public Zero()
            : base(nameof(Zero))
        {
        }

        public int Calls { get; private set; }

        public override Tensor forward(Tensor input)
        {
            Calls++;
            return zeros_like(input);
        }
    }
}
