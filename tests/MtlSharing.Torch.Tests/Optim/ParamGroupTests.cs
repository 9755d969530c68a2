using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class ParamGroupTests
{
    [Fact]
    public void Each_group_steps_with_its_own_learning_rate_and_weight_decay()
    {
        using var scope = NewDisposeScope();
        using var backbone = Param(1.0, 2.0);
        using var head = Param(-1.0);
        using var optimizer = optim.SGD([new ParamGroup([backbone], lr: 0.01), new ParamGroup([head], weight_decay: 0.5)], lr: 0.1);
        SetGrad(backbone, [1.0, -1.0]);
        SetGrad(head, [2.0]);

        optimizer.step();

        Values(backbone).ShouldBeClose([1.0 - 0.01, 2.0 + 0.01]);
        Values(head).ShouldBeClose([-1.0 - (0.1 * (2.0 + (0.5 * -1.0)))]);
        optimizer.param_groups.Select(g => g.LearningRate).Should().Equal(0.01, 0.1);
        optimizer.param_groups[0].Options.WeightDecay.Should().Be(0);
        optimizer.param_groups[1].Options.WeightDecay.Should().Be(0.5);
    }

    [Fact]
    public void Changing_one_groups_learning_rate_changes_only_that_group()
    {
        using var scope = NewDisposeScope();
        using var a = Param(0.0);
        using var b = Param(0.0);
        using var optimizer = optim.SGD([new ParamGroup([a]), new ParamGroup([b])], lr: 0.1);
        optimizer.param_groups[1].LearningRate = 0.5;
        SetGrad(a, [1.0]);
        SetGrad(b, [1.0]);

        optimizer.step();

        Values(a).ShouldBeClose([-0.1]);
        Values(b).ShouldBeClose([-0.5]);
        optimizer.defaults.LearningRate.Should().Be(0.1);
    }

    [Fact]
    public void Groups_with_their_own_options_keep_them()
    {
        using var scope = NewDisposeScope();
        using var a = Param(0.0);
        using var b = Param(0.0);
        var own = new AdamOptions { LearningRate = 0.2, Beta1 = 0.5, AmsGrad = true };
        using var optimizer = optim.Adam([new ParamGroup([a]), new ParamGroup([b], own)], lr: 0.01);

        optimizer.param_groups[0].Options.Should().Be(new AdamOptions { LearningRate = 0.01 });
        optimizer.param_groups[1].Options.Should().Be(own);
        optimizer.param_groups[1].Options.Should().NotBeSameAs(own);
    }

    [Fact]
    public void Added_groups_take_part_in_later_steps()
    {
        using var scope = NewDisposeScope();
        using var a = Param(1.0);
        using var b = Param(1.0);
        using var optimizer = optim.SGD([a], lr: 0.1);
        optimizer.add_param_group(new ParamGroup([b], lr: 0.3));
        SetGrad(a, [1.0]);
        SetGrad(b, [1.0]);

        optimizer.step();

        Values(a).ShouldBeClose([0.9]);
        Values(b).ShouldBeClose([0.7]);
    }

    [Fact]
    public void Empty_duplicated_and_mismatched_groups_are_rejected()
    {
        using var a = Param(1.0);
        using var b = Param(1.0);
        using var optimizer = optim.SGD([a], lr: 0.1);

        FluentActions.Invoking(() => optim.SGD(Array.Empty<Parameter>(), lr: 0.1))
            .Should().Throw<ArgumentException>().WithMessage("*empty parameter list*");
        FluentActions.Invoking(() => optim.SGD([a, b, a], lr: 0.1))
            .Should().Throw<ArgumentException>().WithMessage("*more than once*");
        FluentActions.Invoking(() => optimizer.add_param_group(new ParamGroup([b, a])))
            .Should().Throw<ArgumentException>().WithMessage("*more than once*");
        FluentActions.Invoking(() => optim.SGD([new ParamGroup([b], new AdamOptions())], lr: 0.1))
            .Should().Throw<ArgumentException>().WithMessage("*SGDOptions*AdamOptions*");
        FluentActions.Invoking(() => new ParamGroup([b], lr: -1))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("lr");
        optimizer.param_groups.Should().ContainSingle();
    }

    [Fact]
    public void A_group_belongs_to_one_optimizer()
    {
        using var a = Param(1.0);
        var group = new ParamGroup([a]);
        using var first = optim.SGD([group], lr: 0.1);

        var second = () => optim.Adam([group]);

        second.Should().Throw<ArgumentException>().WithMessage("*already belongs*");
    }

    [Fact]
    public void Options_are_only_known_once_the_group_is_added()
    {
        using var a = Param(1.0);
        var group = new ParamGroup([a], lr: 0.3);

        var read = () => group.LearningRate;

        read.Should().Throw<InvalidOperationException>();
    }
}
