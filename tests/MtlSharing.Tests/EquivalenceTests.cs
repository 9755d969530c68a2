using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>Layouts compute what they claim: independent models, one shared backbone, groups.</summary>
public sealed class EquivalenceTests
{
    [Fact]
    public void Independent_equals_separately_built_models_with_the_same_initial_weights()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var backbone = new TinyNet();
        var heads = Fixtures.Tasks.ToDictionary(t => t, Fixtures.Head);
        var separate = Fixtures.Tasks.ToDictionary(t => t, _ => (nn.Module<Tensor, Tensor>)backbone.DeepCopy());
        using var model = SharingPresets.Independent(Fixtures.Tasks, t => heads[t].DeepCopy()).Apply(backbone);
        model.eval();
        var x = randn([5, 3, 8, 8]);
        foreach (var task in Fixtures.Tasks)
        {
            separate[task].eval();
            model.forward(x, task).ShouldBeClose(heads[task].call(separate[task].call(x)));
        }

        model.Report().Total.Should().Be(model.Report().Independent);
    }

    [Fact]
    public void FullyShared_equals_one_backbone_with_a_head_per_task()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var reference = new TinyNet();
        var heads = Fixtures.Tasks.ToDictionary(t => t, Fixtures.Head);
        using var model = SharingPresets.FullyShared(Fixtures.Tasks, t => heads[t].DeepCopy()).Apply((nn.Module<Tensor, Tensor>)reference.DeepCopy());
        model.Switches.Should().BeEmpty();
        var x = randn([6, 3, 8, 8]);
        reference.train();
        model.train();
        foreach (var task in Fixtures.Tasks)
        {
            model.forward(x, task).ShouldBeClose(heads[task].call(reference.call(x)));
        }
    }

    [Fact]
    public void A_single_group_equals_a_shared_layout()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var backbone = new TinyNet();
        var heads = Fixtures.Tasks.ToDictionary(t => t, Fixtures.Head);
        using var sharedSameHeads = SharingPlan.For(Fixtures.Tasks, t => heads[t].DeepCopy()).Apply((nn.Module<Tensor, Tensor>)backbone.DeepCopy());
        using var grouped = SharingPlan.For(Fixtures.Tasks, t => heads[t].DeepCopy())
            .Groups("block1", Fixtures.Tasks).Groups("stem", Fixtures.Tasks).Apply(backbone);
        grouped.Switches.Should().HaveCount(2);
        grouped.Report().Total.Should().Be(sharedSameHeads.Report().Total);
        var x = randn([4, 3, 8, 8]);
        foreach (var task in Fixtures.Tasks)
        {
            grouped.forward(x, task).ShouldBeClose(sharedSameHeads.forward(x, task));
        }
    }

    [Fact]
    public void Groups_share_one_copy_within_a_group_and_differ_across_groups()
    {
        using var scope = NewDisposeScope();
        using var model = Fixtures.Plan().Groups("stem", ["birds", "cars"], ["aircraft"]).Apply(new TinyNet());
        var stem = model.Switches.Single();
        stem.BranchNames.Should().Equal("birds+cars", "aircraft");
        stem.BranchFor("birds").Should().BeSameAs(stem.BranchFor("cars"));
        stem.BranchFor("aircraft").Should().NotBeSameAs(stem.BranchFor("cars"));
    }

    [Fact]
    public void Backward_on_one_task_reaches_shared_weights_and_that_task_only()
    {
        using var scope = NewDisposeScope();
        using var model = Fixtures.Plan().PerTask("stem").Groups("block1", ["birds", "cars"], ["aircraft"]).Apply(new TinyNet());
        var loss = model.forward(randn([4, 3, 8, 8]), "cars").square().mean();
        loss.backward();

        bool HasGrad(IEnumerable<TorchSharp.Modules.Parameter> ps) => ps.All(p => p.grad is not null);
        bool NoGrad(IEnumerable<TorchSharp.Modules.Parameter> ps) => ps.All(p => p.grad is null);
        var stem = model.Switches[0];
        var block1 = model.Switches[1];
        HasGrad(model.SharedParameters()).Should().BeTrue();
        HasGrad(stem.BranchFor("cars").parameters()).Should().BeTrue();
        HasGrad(block1.BranchFor("cars").parameters()).Should().BeTrue();
        HasGrad(model.Head("cars").parameters()).Should().BeTrue();
        NoGrad(stem.BranchFor("birds").parameters()).Should().BeTrue();
        NoGrad(stem.BranchFor("aircraft").parameters()).Should().BeTrue();
        NoGrad(block1.BranchFor("aircraft").parameters()).Should().BeTrue();
        NoGrad(model.Head("birds").parameters().Concat(model.Head("aircraft").parameters())).Should().BeTrue();
    }

    [Fact]
    public void Changing_one_task_copy_leaves_other_copies_and_shared_weights_unchanged()
    {
        using var scope = NewDisposeScope();
        using var model = Fixtures.Plan().PerTask("stem").Apply(new TinyNet());
        var before = Fixtures.Snapshot(model);
        using (no_grad())
        {
            foreach (var p in model.Switches[0].BranchFor("birds").parameters())
            {
                p.add_(1.0);
            }
        }

        var after = Fixtures.Snapshot(model);
        foreach (var (key, values) in before)
        {
            var changed = key.StartsWith("backbone.stem.tasks.birds.", StringComparison.Ordinal) && !key.EndsWith("running_mean", StringComparison.Ordinal)
                && !key.EndsWith("running_var", StringComparison.Ordinal) && !key.EndsWith("num_batches_tracked", StringComparison.Ordinal);
            if (changed)
            {
                after[key].Should().NotEqual(values, key);
            }
            else
            {
                after[key].Should().Equal(values, key);
            }
        }
    }

    [Fact]
    public void Frozen_layers_receive_no_gradient()
    {
        using var scope = NewDisposeScope();
        using var model = Fixtures.Plan().Freeze("stem").Apply(new TinyNet());
        model.forward(randn([2, 3, 8, 8]), "birds").sum().backward();
        model.Backbone.GetSubmodule("stem").parameters().Should().OnlyContain(p => !p.requires_grad && ReferenceEquals(p.grad, null));
        model.Backbone.GetSubmodule("block2").parameters().Should().OnlyContain(p => !ReferenceEquals(p.grad, null));
    }
}
