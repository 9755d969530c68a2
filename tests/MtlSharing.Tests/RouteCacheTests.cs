using MtlSharing.Backbones;
using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>Routes worked out on first use are forgotten when the tasks change.</summary>
public sealed class RouteCacheTests
{
    [Fact]
    public void Forward_all_after_adding_a_task_routes_the_new_task()
    {
        string[] tasks = ["a", "b", "c"];
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [4, 8], Classes = null });
        using var model = SharingPlan.For(tasks, _ => nn.Linear(backbone.FeatureCount, 3)).PerTask("features.1").Apply(backbone);
        model.eval();
        using var input = randn(2, 1, 28, 28);
        foreach (var output in model.forward_all(input).Values)
        {
            output.Dispose();
        }

        model.AddTask("d", initialiseFrom: "c");
        var all = model.forward_all(input);

        all.Keys.Should().Equal("a", "b", "c", "d");
        using var alone = model.forward(input, "d");
        all["d"].ShouldBeClose(alone);
        foreach (var output in all.Values)
        {
            output.Dispose();
        }
    }
}
