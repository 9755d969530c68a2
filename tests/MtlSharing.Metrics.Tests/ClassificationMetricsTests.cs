namespace MtlSharing.Metrics.Tests;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Reports_every_metric_of_one_task()
    {
        using var scope = NewDisposeScope();
        var metrics = new ClassificationMetrics(4, topK: [2, 4]);

        metrics.Update(Examples.Logits(Examples.FourClassLogits), Examples.Targets(Examples.FourClassTargets));
        var result = metrics.Compute();

        // Top-2 ranks of the targets (see Examples for the rows):
        //   s0 t0 rank 0; s1 t1 rank 0; s2 t2 (1) below 3 -> rank 1; s3 t2 rank 0;
        //   s4 t1 (0) below class 0's 1 -> rank 1; s5 t0 rank 0 (four-way tie, first);
        //   s6 t0 (0) below 9 -> rank 1. All seven within the top 2.
        result.Count.Should().Be(7);
        result.Accuracy.Should().BeApproximately(4.0 / 7.0, 1e-15);
        result.TopK.Should().BeEquivalentTo(new Dictionary<int, double> { [2] = 1.0, [4] = 1.0 });
        result.PerClassAccuracy.Take(3).Should().Equal([2.0 / 3.0, 0.5, 0.5], (a, b) => Math.Abs(a - b) < 1e-15);
        double.IsNaN(result.PerClassAccuracy[3]).Should().BeTrue();
        result.MacroAccuracy.Should().BeApproximately(5.0 / 9.0, 1e-15);
        metrics.ConfusionMatrix.ToArray().Should().BeEquivalentTo(Examples.FourClassCounts, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Top_1_among_the_top_k_values_equals_accuracy()
    {
        using var scope = NewDisposeScope();
        var metrics = new ClassificationMetrics(3, topK: [1, 2]);

        metrics.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets));

        var result = metrics.Compute();
        result.TopK[1].Should().Be(result.Accuracy);
        result.TopK[2].Should().Be(0.8);
        metrics.TopK.Select(m => m.K).Should().Equal(1, 2);
    }

    [Fact]
    public void A_batch_with_the_wrong_class_count_changes_nothing()
    {
        using var scope = NewDisposeScope();
        var metrics = new ClassificationMetrics(4, topK: [2]);
        metrics.Update(Examples.Logits(Examples.FourClassLogits), Examples.Targets(Examples.FourClassTargets));

        metrics.Invoking(m => m.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets)))
            .Should().Throw<ArgumentException>().WithMessage("logits have 3 classes but the confusion matrix has 4*");

        metrics.Count.Should().Be(7);
        metrics.Accuracy.Count.Should().Be(7);
        metrics.TopK[0].Count.Should().Be(7);
        metrics.ConfusionMatrix.Count.Should().Be(7);
    }

    [Fact]
    public void Reset_resets_every_metric()
    {
        using var scope = NewDisposeScope();
        var metrics = new ClassificationMetrics(4, topK: [2]);
        metrics.Update(Examples.Logits(Examples.FourClassLogits), Examples.Targets(Examples.FourClassTargets));

        metrics.Reset();

        metrics.Count.Should().Be(0);
        metrics.TopK[0].Count.Should().Be(0);
        metrics.ConfusionMatrix.Count.Should().Be(0);
        metrics.Invoking(m => m.Compute()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Rejects_repeated_or_invalid_k()
    {
        var repeated = () => new ClassificationMetrics(3, topK: [5, 1, 5]);
        repeated.Should().Throw<ArgumentException>().WithMessage("top-k value 5 is listed more than once*");
        var zero = () => new ClassificationMetrics(3, topK: [0]);
        zero.Should().Throw<ArgumentOutOfRangeException>();
    }
}
