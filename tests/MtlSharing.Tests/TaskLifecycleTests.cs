using TorchSharp.PyBridge;
using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>Extracting a task, adding a task, and the model's state_dict.</summary>
public sealed class TaskLifecycleTests
{
    [Fact]
    public void Extracted_task_gives_the_same_outputs_and_has_its_own_storage()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        model.eval();
        var x = randn([3, 3, 8, 8]);
        using var extracted = model.ExtractTask("cars");
        extracted.eval();
        extracted.call(x).ShouldBeClose(model.forward(x, "cars"));

        var parameterCount = extracted.parameters().Sum(p => p.numel());
        parameterCount.Should().Be(model.Report().PerTask["cars"].Used);
        var modelStorage = model.parameters().ToHashSet(ReferenceEqualityComparer.Instance);
        extracted.parameters().Should().OnlyContain(p => !modelStorage.Contains(p));
        model.Switches.Should().OnlyContain(s => model.Backbone.GetSubmodule(s.Path) == s, "the switches are back in place");
    }

    [Fact]
    public void Extracted_task_saves_and_loads_on_its_own()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        model.eval();
        var path = Path.Combine(Path.GetTempPath(), $"mtlsharing-task-{Guid.NewGuid():N}.pt");
        try
        {
            using (var extracted = model.ExtractTask("aircraft"))
            {
                extracted.state_dict().Keys.Should().Contain(["backbone.stem.0.weight", "backbone.block1.conv1.weight", "head.weight"]);
                extracted.save_py(path);
            }

            using var fresh = Plan().Apply(new TinyNet()).ExtractTask("aircraft");
            fresh.load_py(path);
            fresh.eval();
            var x = randn([2, 3, 8, 8]);
            fresh.call(x).ShouldBeClose(model.forward(x, "aircraft"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Added_task_copies_an_existing_task()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        model.eval();
        model.AddTask("ships", initialiseFrom: "cars", head: (nn.Module<Tensor, Tensor>)model.Head("cars").DeepCopy());
        model.Tasks.Should().Equal("birds", "cars", "aircraft", "ships");
        var x = randn([2, 3, 8, 8]);
        model.forward(x, "ships").ShouldBeClose(model.forward(x, "cars"));
        model.Switches[1].Mode.Should().Be(SharingMode.Groups(["birds", "cars"], ["aircraft"], ["ships"]));
        model.Switches[0].BranchFor("ships").Should().NotBeSameAs(model.Switches[0].BranchFor("cars"));
    }

    [Fact]
    public void Added_task_can_start_from_the_backbone_weights()
    {
        using var scope = NewDisposeScope();
        var backbone = new TinyNet();
        var original = (nn.Module<Tensor, Tensor>)backbone.DeepCopy();
        using var model = Plan().Apply(backbone);
        using (no_grad())
        {
            foreach (var p in model.Switches[0].BranchFor("birds").parameters())
            {
                p.mul_(3);
            }
        }

        model.AddTask("ships");
        // A stem copy (conv 112 + BN 8), a new block1 group copy (two convs of 148, two BNs of 8)
        // and a head from the factory: "ships" is not in Fixtures.Tasks, so 2 classes, 9 × 2.
        using var reference = new TinyNet();
        model.Report().Total.Should().Be(Plan().Describe(reference).Total + 120 + 312 + 18);
        var stemCopy = model.Switches[0].BranchFor("ships");
        stemCopy.state_dict()["0.weight"].ShouldBeClose(original.state_dict()["stem.0.weight"]);
    }

    [Fact]
    public void Adding_an_existing_or_bad_task_changes_nothing()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        var before = Fixtures.Snapshot(model);
        ((Action)(() => model.AddTask("cars"))).Should().Throw<ArgumentException>().WithMessage("task 'cars' already exists*");
        ((Action)(() => model.AddTask("ships", initialiseFrom: "boats"))).Should().Throw<ArgumentException>().WithMessage("unknown task 'boats'*");
        Fixtures.Snapshot(model).ShouldEqual(before);
        model.Tasks.Should().Equal(Fixtures.Tasks);
    }

    [Fact]
    public void State_dict_names_are_stable_and_documented()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        var keys = model.state_dict().Keys.ToList();
        keys.Should().Contain([
            "backbone.stem.tasks.birds.0.weight",
            "backbone.stem.tasks.aircraft.1.running_mean",
            "backbone.block1.groups.birds+cars.conv1.weight",
            "backbone.block1.groups.aircraft.bn2.bias",
            "backbone.block2.0.weight",
            "heads.cars.weight",
        ]);
        keys.Should().NotContain(k => k.StartsWith("backbone.stem.0", StringComparison.Ordinal));
    }

    [Fact]
    public void State_dict_round_trips_and_a_different_plan_lists_mismatched_keys()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        var state = model.state_dict();
        using var same = Plan().Apply(new TinyNet());
        same.load_state_dict(state);
        Fixtures.Snapshot(same).ShouldEqual(Fixtures.Snapshot(model));

        using var other = Fixtures.Plan().PerTask("block2").Apply(new TinyNet());
        var before = Fixtures.Snapshot(other);
        var act = () => other.load_state_dict(state);
        act.Should().Throw<ArgumentException>().WithMessage("the state dict does not fit this model: 42 model entries are missing (backbone.stem.0.weight, *; 56 entries are not in the model (backbone.stem.tasks.birds.0.weight, *nothing was loaded*");
        Fixtures.Snapshot(other).ShouldEqual(before);
    }

    private static SharingPlan Plan() => Fixtures.Plan().PerTask("stem").Groups("block1", ["birds", "cars"], ["aircraft"]);
}
