#region package-metrics
using MtlSharing.Metrics;
#endregion
using MtlSharing.Backbones;
using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>src/MtlSharing.Metrics/README.md: accuracy accumulated batch by batch equals the accuracy over all samples at once.</summary>
public sealed class MetricsPackageExample
{
    [Fact]
    public void Accuracy_over_batches()
    {
        manual_seed(0);
        using var outer = NewDisposeScope();
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { Channels = [8, 16], Classes = null });
        using var model = SharingPresets.BottomSpecific(["birds", "cars", "aircraft"], _ => nn.Linear(16, 3), k: 1).Apply(backbone);
        model.eval();
        (Tensor Images, Tensor Labels)[] batches = [.. new[] { 8, 8, 5 }.Select(size => (randn([size, 3, 16, 16]), randint(0, 3, [size])))];

        #region package-metrics
        var accuracy = new Accuracy();
        foreach (var (images, labels) in batches)
        {
            using var scope = torch.NewDisposeScope();
            accuracy.Update(model.forward(images, "birds"), labels);
        }

        Console.WriteLine($"birds: {accuracy.Compute():P1} of {accuracy.Count}");
        #endregion

        accuracy.Count.Should().Be(21);
        var all = model.forward(cat(batches.Select(b => b.Images).ToList()), "birds");
        var correct = all.argmax(1).eq(cat(batches.Select(b => b.Labels).ToList())).sum().ToInt64();
        accuracy.Correct.Should().Be(correct, "in eval mode a batch's predictions do not depend on the other samples");
        accuracy.Compute().Should().Be(correct / 21.0);
    }
}
