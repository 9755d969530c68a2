using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class OptimizerStateDictTests
{
    private static readonly Func<IEnumerable<Parameter>, optim.Optimizer>[] Makers =
    [
        ps => optim.SGD([new ParamGroup(ps.Take(1)), new ParamGroup(ps.Skip(1), lr: 0.05)], lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01),
        ps => optim.Adam(ps, lr: 0.1, amsgrad: true, weight_decay: 0.01),
        ps => optim.AdamW(ps, lr: 0.1, beta1: 0.8),
    ];

    public static TheoryData<int> MakerIndexes => [0, 1, 2];

    [Fact]
    public void Keys_follow_pytorchs_layout()
    {
        using var scope = NewDisposeScope();
        using var a = Param(1.0, 2.0);
        using var b = Param(3.0);
        using var c = Param(4.0, 5.0, 6.0);
        using var optimizer = optim.SGD([new ParamGroup([a]), new ParamGroup([b, c], lr: 0.01)], lr: 0.1, momentum: 0.9);
        SetGrad(a, [0.5, -0.5]);
        SetGrad(c, [1.0, 2.0, 3.0]);
        optimizer.step();

        var dict = optimizer.state_dict();

        dict.Keys.Should().BeEquivalentTo(
            "param_groups.0.lr", "param_groups.0.weight_decay", "param_groups.0.maximize", "param_groups.0.momentum",
            "param_groups.0.dampening", "param_groups.0.nesterov", "param_groups.0.params",
            "param_groups.1.lr", "param_groups.1.weight_decay", "param_groups.1.maximize", "param_groups.1.momentum",
            "param_groups.1.dampening", "param_groups.1.nesterov", "param_groups.1.params",
            "state.0.momentum_buffer", "state.2.momentum_buffer");
        dict["param_groups.1.lr"].dtype.Should().Be(ScalarType.Float64);
        dict["param_groups.1.lr"].dim().Should().Be(0);
        dict["param_groups.1.lr"].item<double>().Should().Be(0.01);
        dict["param_groups.0.momentum"].item<double>().Should().Be(0.9);
        dict["param_groups.0.nesterov"].dtype.Should().Be(ScalarType.Bool);
        dict["param_groups.0.params"].ToArray<long>().Should().Equal(0L);
        dict["param_groups.1.params"].ToArray<long>().Should().Equal(1L, 2L);
        dict["state.2.momentum_buffer"].ToArray<double>().Should().Equal(1.0, 2.0, 3.0);
    }

    [Fact]
    public void Adam_state_holds_step_moments_and_betas()
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0, 2.0);
        using var optimizer = optim.Adam([p], lr: 0.1, beta1: 0.5, beta2: 0.75, amsgrad: true);
        SetGrad(p, [2.0, -4.0]);
        optimizer.step();
        optimizer.step();

        var dict = optimizer.state_dict();

        dict["state.0.step"].item<double>().Should().Be(2);
        dict["state.0.step"].dtype.Should().Be(ScalarType.Float32);
        dict["state.0.exp_avg"].ToArray<double>().ShouldBeClose([1.5, -3.0]);
        dict["state.0.exp_avg_sq"].ToArray<double>().ShouldBeClose([0.25 * 4 * 1.75, 0.25 * 16 * 1.75]);
        dict["state.0.max_exp_avg_sq"].ToArray<double>().ShouldBeClose([0.25 * 4 * 1.75, 0.25 * 16 * 1.75]);
        dict["param_groups.0.betas"].ToArray<double>().Should().Equal(0.5, 0.75);
        dict["param_groups.0.amsgrad"].item<bool>().Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(MakerIndexes))]
    public void A_restored_optimizer_continues_exactly_like_an_uninterrupted_one(int maker)
    {
        using var scope = NewDisposeScope();
        using var a1 = Param(2.0, 1.0, -1.0);
        using var b1 = Param(0.5, -0.5, 0.25);
        using var uninterrupted = Makers[maker]([a1, b1]);
        using var a2 = Param(2.0, 1.0, -1.0);
        using var b2 = Param(0.5, -0.5, 0.25);
        using var first = Makers[maker]([a2, b2]);
        Run(uninterrupted, [a1, b1], 2);
        Run(first, [a2, b2], 2);

        var saved = first.state_dict();
        first.Dispose();
        using var resumed = Makers[maker]([a2, b2]);
        resumed.param_groups[0].LearningRate = 123;
        resumed.load_state_dict(saved);
        foreach (var tensor in saved.Values)
        {
            tensor.Dispose();
        }

        Run(uninterrupted, [a1, b1], 3);
        Run(resumed, [a2, b2], 3);

        Values(a2).Should().Equal(Values(a1));
        Values(b2).Should().Equal(Values(b1));
        resumed.param_groups.Select(g => g.LearningRate).Should().Equal(uninterrupted.param_groups.Select(g => g.LearningRate));
    }

    [Fact]
    public void Invalid_state_is_rejected_and_nothing_changes()
    {
        using var scope = NewDisposeScope();
        using var a = Param(1.0, 2.0);
        using var b = Param(3.0);
        using var optimizer = optim.SGD([new ParamGroup([a]), new ParamGroup([b], lr: 0.01)], lr: 0.1, momentum: 0.9);
        Run(optimizer, [a, b], 1);
        var before = optimizer.state_dict();

        using var other = Param(1.0, 2.0, 3.0);
        using var otherOptimizer = optim.SGD([other], lr: 0.5, momentum: 0.5);
        Run(otherOptimizer, [other], 1);
        var wrongShape = new Dictionary<string, Tensor>(before) { ["state.0.momentum_buffer"] = zeros([3], ScalarType.Float64) };
        var badLr = new Dictionary<string, Tensor>(before) { ["param_groups.1.lr"] = scalar_tensor(-1, ScalarType.Float64) };
        var extraGroup = new Dictionary<string, Tensor>(before) { ["param_groups.2.lr"] = scalar_tensor(1, ScalarType.Float64) };
        var missingOption = new Dictionary<string, Tensor>(before);
        missingOption.Remove("param_groups.0.momentum");
        var unknownBuffer = new Dictionary<string, Tensor>(before) { ["state.1.exp_avg"] = zeros([1], ScalarType.Float64) };

        Load(optimizer, otherOptimizer.state_dict()).Should().Throw<ArgumentException>().WithMessage("*1 parameter groups*");
        Load(optimizer, wrongShape).Should().Throw<ArgumentException>().WithMessage("state.0*shape [3]*shape [2]*");
        Load(optimizer, badLr).Should().Throw<ArgumentException>().WithMessage("param_groups.1*lr*");
        Load(optimizer, extraGroup).Should().Throw<ArgumentException>().WithMessage("*param_groups.2.lr*");
        Load(optimizer, missingOption).Should().Throw<ArgumentException>().WithMessage("param_groups.0*momentum*");
        Load(optimizer, unknownBuffer).Should().Throw<ArgumentException>().WithMessage("state.1*exp_avg*");

        var after = optimizer.state_dict();
        after.Keys.Should().BeEquivalentTo(before.Keys);
        foreach (var (key, value) in before)
        {
            after[key].equal(value).Should().BeTrue(key);
        }
    }

    [Fact]
    public void A_parameter_count_mismatch_inside_a_group_is_rejected()
    {
        using var scope = NewDisposeScope();
        using var a = Param(1.0);
        using var b = Param(2.0);
        using var two = optim.SGD([a, b], lr: 0.1);
        using var c = Param(1.0);
        using var one = optim.SGD([c], lr: 0.1);

        Load(one, two.state_dict()).Should().Throw<ArgumentException>().WithMessage("*2 parameters in the state dict but 1*");
        one.param_groups[0].LearningRate.Should().Be(0.1);
    }

    [Fact]
    public void State_dict_tensors_are_copies()
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0);
        using var optimizer = optim.SGD([p], lr: 0.1, momentum: 0.9);
        SetGrad(p, [1.0]);
        optimizer.step();

        optimizer.state_dict()["state.0.momentum_buffer"].fill_(100);
        optimizer.step();

        // buf = 0.9·1 + 1 = 1.9; p = 1 − 0.1 − 0.19
        Values(p).ShouldBeClose([0.71]);
    }

    private static Func<int> Load(optim.Optimizer optimizer, IReadOnlyDictionary<string, Tensor> dict) =>
        () =>
        {
            optimizer.load_state_dict(dict);
            return 0;
        };

    private static void Run(optim.Optimizer optimizer, Parameter[] parameters, int steps)
    {
        for (var s = 0; s < steps; s++)
        {
            foreach (var p in parameters)
            {
                SetQuadraticGrad(p);
            }

            optimizer.step();
        }
    }
}
