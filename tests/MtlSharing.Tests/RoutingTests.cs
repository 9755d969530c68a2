using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>The dictionary and mixed-batch calls agree with per-task calls; inputs are checked.</summary>
public sealed class RoutingTests
{
    public static TheoryData<bool> Concatenation => new() { true, false };

    [Theory]
    [MemberData(nameof(Concatenation))]
    public void Dictionary_call_equals_per_task_calls_in_eval_mode(bool concatenate)
    {
        using var scope = NewDisposeScope();
        using var model = Plan().With(new SharingPlanOptions { ConcatenateTaskBatches = concatenate }).Apply(new TinyNet());
        TrainBriefly(model);
        model.eval();
        var batches = Fixtures.Tasks.ToDictionary(t => t, t => randn([2 + Array.IndexOf(Fixtures.Tasks, t), 3, 8, 8]));
        var together = model.forward(batches);
        together.Keys.Should().BeEquivalentTo(Fixtures.Tasks);
        foreach (var task in Fixtures.Tasks)
        {
            together[task].ShouldBeClose(model.forward(batches[task], task));
        }
    }

    [Fact]
    public void Mixed_batch_equals_per_task_calls_and_keeps_batch_order()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        TrainBriefly(model);
        model.eval();
        var x = randn([7, 3, 8, 8]);
        var taskIndex = tensor(new long[] { 2, 0, 1, 1, 0, 2, 0 });
        using var output = model.forward(x, taskIndex);
        output.Positions["birds"].data<long>().ToArray().Should().Equal(1, 4, 6);
        output.Positions["cars"].data<long>().ToArray().Should().Equal(2, 3);
        output.Positions["aircraft"].data<long>().ToArray().Should().Equal(0, 5);
        foreach (var (task, positions) in output.Positions)
        {
            output.Logits[task].ShouldBeClose(model.forward(x.index_select(0, positions), task));
        }
    }

    [Fact]
    public void Mixed_batch_output_in_batch_order_when_heads_agree()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPlan.For(Fixtures.Tasks, _ => nn.Linear(TinyNet.FeatureCount, 4)).PerTask("stem").Apply(new TinyNet());
        model.eval();
        var x = randn([5, 3, 8, 8]);
        using var output = model.forward(x, tensor(new long[] { 1, 0, 1, 2, 0 }));
        var ordered = output.InBatchOrder();
        string[] owners = ["cars", "birds", "cars", "aircraft", "birds"];
        for (var i = 0; i < owners.Length; i++)
        {
            ordered[i].ShouldBeClose(model.forward(x.narrow(0, i, 1), owners[i])[0]);
        }
    }

    [Fact]
    public void Mixed_batch_with_differing_heads_refuses_a_single_tensor()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        using var output = model.forward(randn([3, 3, 8, 8]), tensor(new long[] { 0, 1, 2 }));
        var act = () => output.InBatchOrder();
        act.Should().Throw<InvalidOperationException>().WithMessage("*differ in output shape*");
    }

    [Fact]
    public void Inference_needs_no_labels_and_no_gradients()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        model.eval();
        using (no_grad())
        {
            var logits = model.forward(randn([2, 3, 8, 8]), "aircraft");
            logits.shape.Should().Equal(2, 5);
            logits.requires_grad.Should().BeFalse();
        }
    }

    [Fact]
    public void Unknown_task_names_the_plan_tasks()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        var act = () => model.forward(randn([1, 3, 8, 8]), "carz");
        act.Should().Throw<ArgumentException>().WithMessage("unknown task 'carz'; the plan's tasks are birds, cars, aircraft*");
        var dict = () => model.forward(new Dictionary<string, Tensor> { ["carz"] = randn([1, 3, 8, 8]) });
        dict.Should().Throw<ArgumentException>().WithMessage("unknown task 'carz'*");
    }

    [Fact]
    public void Bad_task_index_is_rejected_with_a_clear_message()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        var x = randn([3, 3, 8, 8]);
        ((Action)(() => model.forward(x, tensor(new long[] { 0, 1 })))).Should().Throw<ArgumentException>().WithMessage("*2 entries*[3, 3, 8, 8]*");
        ((Action)(() => model.forward(x, tensor(new long[] { 0, 1, 3 })))).Should().Throw<ArgumentException>().WithMessage("*ordinal 3; valid ordinals are 0–2*");
        ((Action)(() => model.forward(x, tensor(new float[] { 0, 1, 2 })))).Should().Throw<ArgumentException>().WithMessage("*1-D int64*");
    }

    [Fact]
    public void Shape_mismatch_inside_the_backbone_raises_TorchSharps_message_and_routing_recovers()
    {
        using var scope = NewDisposeScope();
        using var model = Plan().Apply(new TinyNet());
        var act = () => model.forward(randn([2, 5, 8, 8]), "birds");
        act.Should().Throw<ArgumentException>().WithMessage("*3 channels to Conv2d*");
        model.forward(randn([2, 3, 8, 8]), "birds").shape.Should().Equal(2, 3);
    }

    private static SharingPlan Plan() => Fixtures.Plan().PerTask("stem").Groups("block1", ["birds", "cars"], ["aircraft"]);

    /// <summary>A few SGD steps so BatchNorm statistics and copies differ between tasks.</summary>
    private static void TrainBriefly(Routing.MultiTaskModel model)
    {
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        model.train();
        for (var step = 0; step < 3; step++)
        {
            foreach (var task in Fixtures.Tasks)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var logits = model.forward(randn([4, 3, 8, 8]), task);
                nn.functional.cross_entropy(logits, zeros([4], int64)).backward();
                optimizer.step();
            }
        }
    }
}
