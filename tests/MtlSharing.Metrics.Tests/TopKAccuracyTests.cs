namespace MtlSharing.Metrics.Tests;

public sealed class TopKAccuracyTests
{
    [Fact]
    public void Top_2_counts_targets_among_the_two_best_classes()
    {
        using var scope = NewDisposeScope();
        var top2 = new TopKAccuracy(2);

        top2.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets));

        // Rank of the target = classes scoring higher + lower-indexed classes scoring the same:
        //   s0 target 0 (2.0): rank 0, hit
        //   s1 target 2 (0.3): 0.5 and 2.5 higher, rank 2, miss
        //   s2 target 1 (1.0): class 0 ties and comes first, rank 1, hit
        //   s3 target 2 (3.0): rank 0, hit
        //   s4 target 0 (0.7): rank 0, hit
        // 4 / 5.
        top2.Hits.Should().Be(4);
        top2.Compute().Should().Be(0.8);
    }

    [Fact]
    public void Top_1_equals_accuracy_even_with_ties()
    {
        using var scope = NewDisposeScope();
        var logits = Examples.Logits(Examples.ThreeClassLogits);
        var targets = Examples.Targets(Examples.ThreeClassTargets);
        var top1 = new TopKAccuracy(1);
        var accuracy = new Accuracy();

        top1.Update(logits, targets);
        accuracy.Update(logits, targets);

        top1.Compute().Should().Be(0.6);
        top1.Hits.Should().Be(accuracy.Correct);
    }

    [Fact]
    public void Top_1_equals_accuracy_on_random_batches_with_many_ties()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        // Integer scores in {0, 1, 2} over 6 classes: almost every row has ties.
        var logits = randint(3, [200, 6]).to(float32);
        var targets = randint(6, [200]);
        var top1 = new TopKAccuracy(1);
        var accuracy = new Accuracy();

        top1.Update(logits, targets);
        accuracy.Update(logits, targets);

        top1.Hits.Should().Be(logits.argmax(1).eq(targets).sum().ToInt64());
        top1.Hits.Should().Be(accuracy.Correct);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(100)]
    public void K_of_at_least_the_class_count_is_always_a_hit(int k)
    {
        using var scope = NewDisposeScope();
        var topK = new TopKAccuracy(k);

        topK.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets));

        topK.Compute().Should().Be(1.0);
    }

    [Fact]
    public void Ties_at_the_k_boundary_go_to_the_lower_class_index()
    {
        using var scope = NewDisposeScope();
        // Four classes all scoring 1: ranks are 0, 1, 2, 3 by class index, so with k = 2
        // targets 0 and 1 are hits and targets 2 and 3 misses.
        var logits = ones([4, 4]);
        var top2 = new TopKAccuracy(2);

        top2.Update(logits, Examples.Targets(0, 1, 2, 3));

        top2.Hits.Should().Be(2);
        top2.Compute().Should().Be(0.5);
    }

    [Fact]
    public void Masked_streaming_equals_one_masked_batch()
    {
        using var scope = NewDisposeScope();
        var targets = new long[] { 0, 2, -100, 2, 0 };
        var mask = new[] { true, true, true, true, false };
        var whole = new TopKAccuracy(2);
        whole.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(targets), Examples.Mask(mask));

        var streamed = new TopKAccuracy(2);
        var logits = Examples.Logits(Examples.ThreeClassLogits);
        streamed.Update(logits.narrow(0, 0, 3), Examples.Targets(targets[..3]), Examples.Mask(mask[..3]));
        streamed.Update(logits.narrow(0, 3, 2), Examples.Targets(targets[3..]), Examples.Mask(mask[3..]));

        // Counted: s0 (hit), s1 (miss), s3 (hit) -> 2 / 3.
        whole.Count.Should().Be(3);
        whole.Hits.Should().Be(2);
        streamed.Count.Should().Be(whole.Count);
        streamed.Hits.Should().Be(whole.Hits);
    }

    [Fact]
    public void K_must_be_positive()
    {
        var act = () => new TopKAccuracy(0);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("k");
    }
}
