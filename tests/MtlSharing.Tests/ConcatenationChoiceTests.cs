using MtlSharing.Plans;
using MtlSharing.Routing;

namespace MtlSharing.Tests;

/// <summary>
/// The dictionary call concatenates task batches only where some layer is shared: an Independent
/// layout runs task by task, since joining the batches would only copy them together and apart.
/// </summary>
public sealed class ConcatenationChoiceTests
{
    [Fact]
    public void An_independent_layout_runs_the_backbone_once_per_task_on_that_tasks_batch()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPresets.Independent(Fixtures.Tasks, Fixtures.Head).Apply(new TinyNet());

        BackboneBatchSizes(model).Should().Equal(2, 3, 4);
    }

    [Fact]
    public void A_layout_with_shared_layers_runs_the_backbone_once_on_every_tasks_batch()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPresets.FullyShared(Fixtures.Tasks, Fixtures.Head).Apply(new TinyNet());

        BackboneBatchSizes(model).Should().Equal(9);
    }

    [Fact]
    public void An_independent_layout_gives_the_per_task_results_in_training_mode()
    {
        using var scope = NewDisposeScope();
        using var model = SharingPresets.Independent(Fixtures.Tasks, Fixtures.Head).Apply(new TinyNet());
        model.train();
        var batches = Batches();

        var together = model.forward(batches);

        foreach (var task in Fixtures.Tasks)
        {
            together[task].ShouldBeClose(model.forward(batches[task], task));
        }
    }

    private static List<long> BackboneBatchSizes(MultiTaskModel model)
    {
        var sizes = new List<long>();
        var hook = model.Backbone.register_forward_hook((_, _, output) =>
        {
            sizes.Add(output.shape[0]);
            return output;
        });
        model.forward(Batches());
        hook.remove();
        return sizes;
    }

    private static Dictionary<string, Tensor> Batches() =>
        Fixtures.Tasks.ToDictionary(t => t, t => randn([2 + Array.IndexOf(Fixtures.Tasks, t), 3, 8, 8]));
}
