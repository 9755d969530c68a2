using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.NN;

public sealed class CloneTests
{
    [Fact]
    public void Clone_has_equal_values_in_new_storage()
    {
        using var scope = NewDisposeScope();
        using var original = new NestedNet();
        using var copy = original.Clone();

        copy.Should().BeOfType<NestedNet>();
        var before = original.state_dict();
        var cloned = copy.state_dict();
        cloned.Keys.Should().Equal(before.Keys);
        foreach (var key in before.Keys)
        {
            cloned[key].equal(before[key]).Should().BeTrue(key);
        }

        copy.named_buffers().Select(b => b.name).Should().Equal(original.named_buffers().Select(b => b.name));
        foreach (var (name, parameter) in copy.named_parameters())
        {
            parameter.Should().NotBeSameAs(original.get_parameter(name));
        }

        using (no_grad())
        {
            foreach (var parameter in copy.parameters())
            {
                parameter.fill_(7);
            }
        }

        foreach (var key in before.Keys)
        {
            original.state_dict()[key].equal(before[key]).Should().BeTrue(key);
        }
    }

    [Fact]
    public void Clone_keeps_training_flags_and_requires_grad()
    {
        using var scope = NewDisposeScope();
        using var original = new NestedNet();
        original.eval();
        original.get_submodule("layer1.0").train();
        original.get_parameter("conv1.weight").requires_grad = false;
        using var copy = original.Clone();

        copy.training.Should().BeFalse();
        copy.get_submodule("layer1.0").training.Should().BeTrue();
        copy.get_submodule("layer1.0.conv1").training.Should().BeTrue();
        copy.get_submodule("layer1.1").training.Should().BeFalse();
        copy.get_parameter("conv1.weight").requires_grad.Should().BeFalse();
        copy.get_parameter("bn1.weight").requires_grad.Should().BeTrue();
        copy.get_parameter("bn1.weight").is_leaf.Should().BeTrue();
    }

    [Fact]
    public void Fields_of_a_user_module_point_at_the_clone_components()
    {
        using var scope = NewDisposeScope();
        using var original = new FieldHolder();
        using var copy = (FieldHolder)original.Clone();

        copy.Scale.Should().BeSameAs(copy.get_parameter("Scale")).And.NotBeSameAs(original.Scale);
        copy.Inner.Should().BeSameAs(copy.get_submodule("Inner"));
        copy.Stages.Should().NotBeSameAs(original.Stages);
        copy.Stages[0].Should().BeSameAs(copy.get_submodule("first"));
        copy.Stages[1].Should().BeSameAs(copy.Inner);
        copy.Listed.Should().NotBeSameAs(original.Listed);
        copy.Listed.Single().Should().BeSameAs(copy.get_submodule("first"));
        copy.ByName["first"].Should().BeSameAs(copy.get_submodule("first"));
        copy.Offset.Should().BeSameAs(copy.named_buffers().Single().buffer).And.NotBeSameAs(original.Offset);
        copy.Label.Should().Be("holder");

        var x = ones([1, 2]);
        var expected = original.call(x).ToArray<float>();
        using (no_grad())
        {
            copy.Scale.fill_(0);
        }

        copy.call(x).ToArray<float>().Should().OnlyContain(v => v == 0f);
        original.call(x).ToArray<float>().Should().Equal(expected);
    }

    [Fact]
    public void A_parameter_shared_within_the_module_stays_shared_in_the_clone()
    {
        using var scope = NewDisposeScope();
        var first = nn.Linear(3, 3);
        var second = nn.Linear(3, 3);
        using var replaced = second.weight;
        second.weight = first.weight;
        using var original = nn.Sequential(first, second);
        using var copy = original.Clone();

        var copies = copy.children().Cast<Linear>().ToList();
        copies[1].weight.Should().BeSameAs(copies[0].weight).And.NotBeSameAs(first.weight);
        copy.parameters().Should().HaveCount(3);
    }

    [Fact]
    public void Components_in_an_unsupported_collection_make_clone_throw()
    {
        using var original = new SetHolder();
        var act = () => original.Clone();
        act.Should().Throw<NotSupportedException>().WithMessage("*field 'set'*SetHolder*HashSet<Linear>*ModuleList*");
        original.IsDisposed.Should().BeFalse();
    }

    [Fact]
    public void Hooks_are_copied_and_removed_independently()
    {
        using var scope = NewDisposeScope();
        using var original = nn.Linear(2, 2);
        var calls = 0;
        var handle = original.register_forward_hook((_, _, output) =>
        {
            calls++;
            return null;
        });
        using var copy = original.Clone();
        handle.remove();

        original.call(ones([1, 2]));
        calls.Should().Be(0);
        copy.call(ones([1, 2]));
        calls.Should().Be(1);
    }

    [Fact]
    public void Gradients_are_not_copied_and_a_disposed_module_cannot_be_cloned()
    {
        using var scope = NewDisposeScope();
        var original = nn.Linear(2, 1);
        original.call(ones([1, 2])).sum().backward();
        using var copy = original.Clone();
        ((Linear)copy).weight.grad.Should().BeNull();
        original.Dispose();
        var act = () => original.Clone();
        act.Should().Throw<ObjectDisposedException>();
    }

    private sealed class FieldHolder : nn.Module<Tensor, Tensor>
    {
        public FieldHolder()
            : base(nameof(FieldHolder))
        {
            Scale = nn.Parameter(full([1], 3.0));
            Inner = nn.Linear(2, 2);
            var first = nn.Identity();
            register_module("first", first);
            Stages = [first, Inner];
            Listed = [first];
            ByName = new() { ["first"] = first };
            Offset = full([1], 1.0);
            register_buffer("offset", Offset);
            RegisterComponents();
        }

        public Parameter Scale { get; }

        public Linear Inner { get; }

        public nn.Module<Tensor, Tensor>[] Stages { get; }

        public List<nn.Module<Tensor, Tensor>> Listed { get; }

        public Dictionary<string, nn.Module<Tensor, Tensor>> ByName { get; }

        public Tensor Offset { get; }

        public string Label { get; } = "holder";

        public override Tensor forward(Tensor input)
        {
            var x = input;
            foreach (var stage in Stages)
            {
                x = stage.call(x);
            }

            return (x + Offset) * Scale;
        }
    }

    private sealed class SetHolder : nn.Module<Tensor, Tensor>
    {
        private readonly HashSet<Linear> set;

        public SetHolder()
            : base(nameof(SetHolder))
        {
            var linear = nn.Linear(1, 1);
            register_module("linear", linear);
            set = [linear];
        }

        public override Tensor forward(Tensor input) => set.Single().call(input);
    }
}
