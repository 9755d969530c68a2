using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class LRSchedulerTests
{
    [Fact]
    public void StepLR_decays_every_step_size_epochs()
    {
        var rates = Sequence(0.1, o => optim.lr_scheduler.StepLR(o, step_size: 3, gamma: 0.5), 8);

        rates.ShouldBeClose([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025]);
    }

    [Fact]
    public void MultiStepLR_decays_at_each_milestone_counting_repeats()
    {
        var rates = Sequence(1.0, o => optim.lr_scheduler.MultiStepLR(o, [5, 2, 5], gamma: 0.1), 7);

        rates.ShouldBeClose([1.0, 1.0, 0.1, 0.1, 0.1, 0.001, 0.001]);
    }

    [Fact]
    public void CosineAnnealingLR_follows_the_closed_form()
    {
        var rates = Sequence(0.1, o => optim.lr_scheduler.CosineAnnealingLR(o, T_max: 4, eta_min: 0.01), 7);

        var expected = Enumerable.Range(0, 7).Select(t => 0.01 + ((0.1 - 0.01) * (1 + Math.Cos(Math.PI * t / 4)) / 2)).ToArray();
        rates.ShouldBeClose(expected);
        rates[0].Should().BeApproximately(0.1, 1e-15);
        rates[2].Should().BeApproximately(0.055, 1e-15);
        rates[4].Should().BeApproximately(0.01, 1e-15);
    }

    [Fact]
    public void LinearLR_warms_up_linearly_then_holds()
    {
        var rates = Sequence(0.2, o => optim.lr_scheduler.LinearLR(o, start_factor: 0.25, end_factor: 1.0, total_iters: 4), 7);

        rates.ShouldBeClose([0.05, 0.0875, 0.125, 0.1625, 0.2, 0.2, 0.2]);
    }

    [Fact]
    public void SequentialLR_runs_a_warmup_then_restarts_the_next_schedule_at_the_milestone()
    {
        var rates = Sequence(0.1, o => optim.lr_scheduler.SequentialLR(
            o,
            [optim.lr_scheduler.LinearLR(o, start_factor: 0.5, total_iters: 2), optim.lr_scheduler.CosineAnnealingLR(o, T_max: 4)],
            [2]), 7);

        var cosine = Enumerable.Range(0, 5).Select(t => 0.1 * (1 + Math.Cos(Math.PI * t / 4)) / 2);
        rates.ShouldBeClose([0.05, 0.075, .. cosine]);
    }

    [Fact]
    public void Each_group_is_scheduled_from_its_own_initial_rate()
    {
        using var a = Param(1.0);
        using var b = Param(1.0);
        using var optimizer = optim.SGD([new ParamGroup([a]), new ParamGroup([b], lr: 0.5)], lr: 0.1);
        var scheduler = optim.lr_scheduler.StepLR(optimizer, step_size: 1, gamma: 0.5);

        scheduler.step();

        scheduler.get_last_lr().Should().Equal(0.05, 0.25);
        optimizer.param_groups.Select(g => g.LearningRate).Should().Equal(0.05, 0.25);
        optimizer.param_groups.Select(g => g.InitialLearningRate).Should().Equal(0.1, 0.5);
        scheduler.base_lrs.Should().Equal(0.1, 0.5);
        scheduler.last_epoch.Should().Be(1);
    }

    [Fact]
    public void A_restored_scheduler_continues_the_schedule()
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0);
        using var optimizer = optim.SGD([p], lr: 0.1);
        var scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max: 10);
        for (var i = 0; i < 3; i++)
        {
            scheduler.step();
        }

        var savedOptimizer = optimizer.state_dict();
        var savedScheduler = scheduler.state_dict();
        using var q = Param(1.0);
        using var restoredOptimizer = optim.SGD([q], lr: 0.7);
        restoredOptimizer.load_state_dict(savedOptimizer);
        var restored = optim.lr_scheduler.CosineAnnealingLR(restoredOptimizer, T_max: 10);
        restored.load_state_dict(savedScheduler);

        scheduler.step();
        restored.step();

        restored.last_epoch.Should().Be(4);
        restored.get_last_lr().Should().Equal(scheduler.get_last_lr());
        restoredOptimizer.param_groups[0].LearningRate.Should().Be(0.1 * (1 + Math.Cos(Math.PI * 4 / 10)) / 2);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        using var p = Param(1.0);
        using var optimizer = optim.SGD([p], lr: 0.1);
        using var q = Param(1.0);
        using var otherOptimizer = optim.SGD([q], lr: 0.1);
        var warmup = optim.lr_scheduler.LinearLR(optimizer);

        FluentActions.Invoking(() => optim.lr_scheduler.StepLR(optimizer, step_size: 0))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("step_size");
        FluentActions.Invoking(() => optim.lr_scheduler.LinearLR(optimizer, start_factor: 1.5))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("start_factor");
        FluentActions.Invoking(() => optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max: 5, eta_min: -1))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("eta_min");
        FluentActions.Invoking(() => optim.lr_scheduler.SequentialLR(optimizer, [warmup, warmup], []))
            .Should().Throw<ArgumentException>().WithMessage("*2 schedulers need 1 milestones*");
        FluentActions.Invoking(() => optim.lr_scheduler.SequentialLR(otherOptimizer, [warmup], []))
            .Should().Throw<ArgumentException>().WithMessage("*another optimizer*");
        FluentActions.Invoking(() => optim.lr_scheduler.StepLR(otherOptimizer, step_size: 2, last_epoch: 4))
            .Should().Throw<ArgumentException>().WithMessage("*initial_lr*");
    }

    [Fact]
    public void Loading_a_mismatched_state_changes_nothing()
    {
        using var scope = NewDisposeScope();
        using var a = Param(1.0);
        using var b = Param(1.0);
        using var twoGroups = optim.SGD([new ParamGroup([a]), new ParamGroup([b])], lr: 0.1);
        using var c = Param(1.0);
        using var oneGroup = optim.SGD([c], lr: 0.1);
        var scheduler = optim.lr_scheduler.StepLR(oneGroup, step_size: 1);
        var other = optim.lr_scheduler.StepLR(twoGroups, step_size: 1);
        other.step();

        var act = () => scheduler.load_state_dict(other.state_dict());

        act.Should().Throw<ArgumentException>().WithMessage("*base_lrs*");
        scheduler.last_epoch.Should().Be(0);
        scheduler.base_lrs.Should().Equal(0.1);
    }

    private static double[] Sequence(double lr, Func<optim.Optimizer, optim.lr_scheduler.LRScheduler> make, int epochs)
    {
        using var p = Param(1.0);
        using var optimizer = optim.SGD([p], lr);
        var scheduler = make(optimizer);
        var rates = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            scheduler.last_epoch.Should().Be(epoch);
            optimizer.param_groups[0].LearningRate.Should().Be(scheduler.get_last_lr()[0]);
            rates.Add(optimizer.param_groups[0].LearningRate);
            scheduler.step();
        }

        return [.. rates];
    }
}
