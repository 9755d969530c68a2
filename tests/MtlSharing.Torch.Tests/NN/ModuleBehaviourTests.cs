using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.NN;

public sealed class ModuleBehaviourTests
{
    [Fact]
    public void Train_and_eval_propagate_to_every_descendant()
    {
        using var model = new NestedNet();
        model.modules().Should().OnlyContain(m => m.training);
        model.eval();
        model.modules().Should().OnlyContain(m => !m.training);
        model.get_submodule("layer1").train();
        model.training.Should().BeFalse();
        model.get_submodule("layer1.1.downsample.1").training.Should().BeTrue();
        model.train();
        model.modules().Should().OnlyContain(m => m.training);
    }

    [Fact]
    public void Zero_grad_drops_or_zeroes_the_gradients()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(3, 2);
        linear.call(ones([4, 3])).sum().backward();
        linear.weight.grad!.ToArray<float>().Should().OnlyContain(g => g == 4f);

        linear.zero_grad(set_to_none: false);
        linear.weight.grad!.ToArray<float>().Should().OnlyContain(g => g == 0f);
        linear.bias!.grad!.ToArray<float>().Should().OnlyContain(g => g == 0f);

        linear.zero_grad();
        linear.weight.grad.Should().BeNull();
        linear.bias.grad.Should().BeNull();
    }

    [Fact]
    public void Apply_visits_children_before_their_parent()
    {
        using var model = nn.Sequential(("a", nn.Sequential(("b", nn.ReLU()), ("c", nn.Identity()))), ("d", nn.Flatten()));
        var visited = new List<string>();
        model.apply(m => visited.Add(m.GetName())).Should().BeSameAs(model);
        visited.Should().Equal("ReLU", "Identity", "Sequential", "Flatten", "Sequential");
    }

    [Fact]
    public void Dispose_releases_parameters_buffers_and_children()
    {
        var model = new NestedNet();
        var parameters = model.parameters().ToList();
        var buffers = model.buffers().ToList();
        var modules = model.modules().ToList();
        model.Dispose();
        parameters.Should().OnlyContain(p => p.IsDisposed);
        buffers.Should().OnlyContain(b => b.IsDisposed);
        modules.Should().OnlyContain(m => m.IsDisposed);
        var act = () => model.register_buffer("late", null);
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Requires_grad_freezes_and_unfreezes_every_parameter()
    {
        using var model = new NestedNet();
        model.requires_grad_(false).Should().BeSameAs(model);
        model.parameters().Should().OnlyContain(p => !p.requires_grad);
        model.get_submodule("heads").requires_grad_();
        model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name)
            .Should().Equal("heads.cars.weight", "heads.cars.bias", "heads.birds.weight", "heads.birds.bias");
    }

    [Fact]
    public void Component_names_are_validated()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(1, 1);
        var dotted = () => linear.register_module("a.b", nn.ReLU());
        dotted.Should().Throw<ArgumentException>().WithMessage("*'a.b' must not contain '.'*");
        var clash = () => linear.register_buffer("weight", zeros([1]));
        clash.Should().Throw<ArgumentException>().WithMessage("Linear already has a parameter named 'weight'*");
        var self = () => linear.register_module("me", linear);
        self.Should().Throw<ArgumentException>().WithMessage("*cannot be its own child*");
        var parameterAsBuffer = () => linear.register_buffer("p", linear.weight);
        parameterAsBuffer.Should().Throw<ArgumentException>().WithMessage("*register_parameter*");
    }

    [Fact]
    public void Register_components_uses_field_and_property_names_in_declaration_order()
    {
        using var module = new Named();
        module.named_children().Select(c => c.name).Should().Equal("encoder", "Head");
        module.named_parameters(recurse: false).Select(p => p.name).Should().Equal("temperature");
        module.named_buffers().Should().BeEmpty();
    }

    [Fact]
    public void Hooks_can_replace_the_input_and_output_and_be_removed()
    {
        using var scope = NewDisposeScope();
        using var identity = nn.Identity();
        var seen = new List<float>();
        using var pre = identity.register_forward_pre_hook((_, input) => input * 2);
        var post = identity.register_forward_hook((module, input, output) =>
        {
            seen.Add(input.item<float>());
            return output + 1;
        });

        identity.call(full([], 3.0)).item<float>().Should().Be(7f);
        seen.Should().Equal(6f);
        post.remove();
        identity.call(full([], 3.0)).item<float>().Should().Be(6f);
        pre.Dispose();
        identity.call(full([], 3.0)).item<float>().Should().Be(3f);
        identity.forward(full([], 3.0)).item<float>().Should().Be(3f);
    }

    [Fact]
    public void ToString_shows_the_tree_with_settings()
    {
        using var model = nn.Sequential(nn.Conv2d(3, 8, 3, padding: 1, bias: false), nn.BatchNorm2d(8), nn.ReLU(inplace: true), nn.Linear(4, 2));
        model.ToString().Should().Be(
            "Sequential(\n" +
            "  (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n" +
            "  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n" +
            "  (2): ReLU(inplace=True)\n" +
            "  (3): Linear(in_features=4, out_features=2, bias=True)\n" +
            ")");
    }

    private sealed class Named : nn.Module<Tensor, Tensor>
    {
        private readonly Linear encoder = nn.Linear(2, 2);
        private readonly Parameter temperature = nn.Parameter(ones([1]));
        private readonly Tensor notABuffer = zeros([1]);

        public Named()
            : base(nameof(Named))
        {
            RegisterComponents();
        }

        public nn.Module<Tensor, Tensor> Head { get; } = nn.Linear(2, 1);

        public override Tensor forward(Tensor input) => Head.call(encoder.call(input) * temperature + notABuffer);
    }
}
