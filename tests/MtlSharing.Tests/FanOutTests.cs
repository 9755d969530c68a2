using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;

namespace MtlSharing.Tests;

/// <summary>
/// forward_all runs shared blocks once and each distinct copy once, backpropagates like a sum of
/// per-task calls, falls back to per-task calls for a backbone that is not a chain, and rejects
/// bad batches.
/// </summary>
public sealed class FanOutTests
{
    private static readonly long[] InputShape = [2, 3, 16, 16];

    [Fact]
    public void Top_specific_runs_the_shared_blocks_once_and_each_task_copy_once()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPresets.TopSpecific(Fixtures.Tasks, Head, 1).Apply(SmallCnn());
        var counts = CountCalls(model, ["features.0", "features.1", "features.2"]);

        model.forward_all(randn(InputShape));

        counts.Calls().Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["features.0"] = 1,
            ["features.1"] = 1,
            ["features.2/birds"] = 1,
            ["features.2/cars"] = 1,
            ["features.2/aircraft"] = 1,
        });
    }

    [Fact]
    public void Tasks_of_one_group_share_their_branch_until_the_groups_split()
    {
        using var scope = NewDisposeScope();
        var plan = SharingPresets.Tree(Fixtures.Tasks, Head, [
            new TaskPartition([Fixtures.Tasks]),
            new TaskPartition([["birds", "cars"], ["aircraft"]]),
            new TaskPartition([["birds"], ["cars"], ["aircraft"]])]);
        using var model = plan.Apply(SmallCnn());
        var counts = CountCalls(model, ["features.0", "features.1", "features.2"]);

        model.forward_all(randn(InputShape));

        counts.Calls().Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["features.0"] = 1,
            ["features.1/birds+cars"] = 1,
            ["features.1/aircraft"] = 1,
            ["features.2/birds"] = 1,
            ["features.2/cars"] = 1,
            ["features.2/aircraft"] = 1,
        });
    }

    [Fact]
    public void Groups_that_split_stay_split_where_a_later_block_is_shared()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPlan.For(Fixtures.Tasks, Head).Groups("features.0", ["birds", "cars"], ["aircraft"]).Apply(SmallCnn());
        var counts = CountCalls(model, ["features.0", "features.1", "features.2"]);
        var input = randn(InputShape);

        model.forward_all(input);

        counts.Calls().Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["features.0/birds+cars"] = 1,
            ["features.0/aircraft"] = 1,
            ["features.1"] = 2,
            ["features.2"] = 2,
        });
    }

    [Fact]
    public void Training_gradients_equal_those_of_summed_per_task_forwards()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var plan = SharingPresets.TopSpecific(Fixtures.Tasks, Head, 1).Groups("features.1", ["birds", "cars"], ["aircraft"]);
        using var model = plan.Apply(SmallCnn());
        model.train();
        var input = randn(InputShape);

        var all = model.forward_all(input);
        Loss(Fixtures.Tasks.Select(t => all[t])).backward();
        var fanOutGrads = Gradients(model);
        model.zero_grad();
        Loss(Fixtures.Tasks.Select(t => model.forward(input, t))).backward();
        var separateGrads = Gradients(model);

        fanOutGrads.Keys.Should().Equal(separateGrads.Keys);
        fanOutGrads.Should().HaveCount(model.parameters().Count());
        foreach (var (name, gradient) in fanOutGrads)
        {
            gradient.ShouldBeClose(separateGrads[name], 1e-5);
        }
    }

    [Fact]
    public void A_backbone_that_is_not_a_chain_falls_back_to_a_forward_per_task()
    {
        using var scope = NewDisposeScope();
        using var model = Fixtures.Plan().PerTask("block2").Apply(new TinyNet());
        model.FansOut.Should().BeFalse();
        model.eval();
        var input = randn([3, 3, 8, 8]);

        var all = model.forward_all(input);

        all.Keys.Should().Equal(Fixtures.Tasks);
        foreach (var task in Fixtures.Tasks)
        {
            all[task].ShouldBeClose(model.forward(input, task));
        }
    }

    [Fact]
    public void A_task_added_later_gets_outputs_too()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPresets.TopSpecific(Fixtures.Tasks, Head, 1).Apply(SmallCnn());
        model.AddTask("ships", initialiseFrom: "cars", head: nn.Linear(8, 4));
        model.eval();
        var input = randn(InputShape);

        var all = model.forward_all(input);

        all.Keys.Should().Equal([.. Fixtures.Tasks, "ships"]);
        all["ships"].ShouldBeClose(model.forward(input, "ships"));
    }

    [Fact]
    public void Bad_batches_are_rejected_with_clear_messages_and_the_model_still_works()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPresets.TopSpecific(Fixtures.Tasks, Head, 1).Apply(SmallCnn());
        using var fallback = Fixtures.Plan().Apply(new TinyNet());

        FluentActions.Invoking(() => model.forward_all(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => model.forward_all(zeros([0, 3, 16, 16]))).Should().Throw<ArgumentException>()
            .WithMessage("forward_all needs a non-empty batch; got shape [0, 3, 16, 16]*");
        FluentActions.Invoking(() => fallback.forward_all(tensor(1, float32))).Should().Throw<ArgumentException>()
            .WithMessage("forward_all needs a non-empty batch; got shape []*");
        FluentActions.Invoking(() => model.forward_all(zeros([2, 1, 16, 16]))).Should().Throw<ArgumentException>()
            .WithMessage("SmallCnn expects input of shape [N, 3, H, W] (3 channels, got 1): got [2, 1, 16, 16]*");

        model.forward_all(randn(InputShape)).Should().HaveCount(3);
    }

    private static nn.Module<Tensor, Tensor> Head(string task) => nn.Linear(8, 2 + Array.IndexOf(Fixtures.Tasks, task));

    private static SmallCnn SmallCnn() => Backbone.SmallCnn(new SmallCnnOptions { Channels = [4, 8, 8], Classes = null });

    private static Tensor Loss(IEnumerable<Tensor> outputs) => outputs.Select(o => (o * o).mean()).Aggregate((a, b) => a + b);

    private static Dictionary<string, Tensor> Gradients(MultiTaskModel model) =>
        model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());

    /// <summary>Counts forward calls of the modules at the given backbone paths, or of each copy where the path is a task switch.</summary>
    private static CallCounter CountCalls(MultiTaskModel model, string[] paths)
    {
        var counter = new CallCounter();
        foreach (var path in paths)
        {
            var module = model.Backbone.GetSubmodule(path);
            if (module is TaskSwitch taskSwitch)
            {
                foreach (var branch in taskSwitch.BranchNames)
                {
                    var copy = (nn.Module<Tensor, Tensor>)taskSwitch.GetSubmodule((taskSwitch.Mode is SharingMode.GroupsMode ? "groups." : "tasks.") + branch);
                    counter.Watch(copy, $"{path}/{branch}");
                }
            }
            else
            {
                counter.Watch((nn.Module<Tensor, Tensor>)module, path);
            }
        }

        return counter;
    }

    private sealed class CallCounter
    {
        private readonly Dictionary<string, int> calls = [];

        public void Watch(nn.Module<Tensor, Tensor> module, string name) =>
            module.register_forward_hook((_, _, output) =>
            {
                calls[name] = calls.GetValueOrDefault(name) + 1;
                return output;
            });

        public Dictionary<string, int> Calls() => calls;
    }
}
