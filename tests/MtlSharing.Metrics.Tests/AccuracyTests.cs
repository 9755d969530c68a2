namespace MtlSharing.Metrics.Tests;

public sealed class AccuracyTests
{
    [Fact]
    public void Counts_correct_argmax_predictions()
    {
        using var scope = NewDisposeScope();
        var accuracy = new Accuracy();

        accuracy.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets));

        // s0, s3 and s4 are right (see Examples): 3 / 5.
        accuracy.Correct.Should().Be(3);
        accuracy.Count.Should().Be(5);
        accuracy.Compute().Should().Be(0.6);
    }

    [Fact]
    public void Ties_go_to_the_first_maximal_class_as_torch_argmax_does()
    {
        using var scope = NewDisposeScope();
        // [1, 3, 3]: classes 1 and 2 tie, argmax picks 1; [5, 5, 0]: picks 0.
        var logits = Examples.Logits(new float[,] { { 1, 3, 3 }, { 5, 5, 0 } });
        logits.argmax(1).data<long>().ToArray().Should().Equal(1, 0);

        var firstOfTie = new Accuracy();
        firstOfTie.Update(logits, Examples.Targets(1, 0));
        firstOfTie.Compute().Should().Be(1.0);

        var secondOfTie = new Accuracy();
        secondOfTie.Update(logits, Examples.Targets(2, 1));
        secondOfTie.Compute().Should().Be(0.0);
    }

    [Fact]
    public void Skips_the_ignore_index_and_masked_samples()
    {
        using var scope = NewDisposeScope();
        var logits = Examples.Logits(Examples.ThreeClassLogits);

        // s1 (wrong) ignored by -100 and s4 (right) masked out: s0, s2, s3 remain, 2 right of 3.
        // s4's masked target 7 is out of range but is not checked.
        var accuracy = new Accuracy();
        accuracy.Update(logits, Examples.Targets(0, -100, 1, 2, 7), Examples.Mask(true, true, true, true, false));
        accuracy.Count.Should().Be(3);
        accuracy.Correct.Should().Be(2);
        accuracy.Compute().Should().BeApproximately(2.0 / 3.0, 1e-15);
    }

    [Fact]
    public void A_custom_ignore_index_replaces_minus_100()
    {
        using var scope = NewDisposeScope();
        var logits = Examples.Logits(Examples.ThreeClassLogits);
        var targets = Examples.Targets(0, 255, 1, 2, 0);

        // 255 skips s1: s0, s3, s4 right, s2 wrong -> 3 / 4.
        var accuracy = new Accuracy(new ClassificationOptions { IgnoreIndex = 255 });
        accuracy.Update(logits, targets);
        accuracy.Compute().Should().Be(0.75);

        var strict = new Accuracy(new ClassificationOptions { IgnoreIndex = null });
        var act = () => strict.Update(logits, Examples.Targets(0, -100, 1, 2, 0));
        act.Should().Throw<ArgumentException>().WithMessage("target -100 at index 1 is outside [0, 3)*");
    }

    [Fact]
    public void Streaming_over_batches_equals_one_batch()
    {
        using var scope = NewDisposeScope();
        var streamed = new Accuracy();
        foreach (var (start, length) in new[] { (0, 2), (2, 0), (2, 3) })
        {
            var (logits, targets) = Examples.Rows(Examples.ThreeClassLogits, Examples.ThreeClassTargets, start, length);
            streamed.Update(logits, targets);
        }

        streamed.Count.Should().Be(5);
        streamed.Correct.Should().Be(3);
        streamed.Compute().Should().Be(0.6);
    }

    [Fact]
    public void Streaming_random_batches_matches_libtorch_argmax()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var logits = randn([64, 10]);
        var targets = randint(10, [64]);
        var expected = logits.argmax(1).eq(targets).sum().ToInt64() / 64.0;

        var accuracy = new Accuracy();
        foreach (var (start, length) in new[] { (0, 16), (16, 5), (21, 43) })
        {
            accuracy.Update(logits.narrow(0, start, length), targets.narrow(0, start, length));
        }

        accuracy.Count.Should().Be(64);
        accuracy.Compute().Should().Be(expected);
    }

    [Fact]
    public void Reset_starts_over_and_an_empty_metric_cannot_be_computed()
    {
        using var scope = NewDisposeScope();
        var accuracy = new Accuracy();
        accuracy.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets));
        accuracy.Reset();

        accuracy.Count.Should().Be(0);
        accuracy.Correct.Should().Be(0);
        accuracy.Invoking(a => a.Compute()).Should().Throw<InvalidOperationException>().WithMessage("the accuracy has no samples*");

        // A batch whose samples are all ignored still leaves nothing to compute.
        accuracy.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(-100, -100, -100, -100, -100));
        accuracy.Invoking(a => a.Compute()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Accepts_double_and_grad_tracking_logits()
    {
        using var scope = NewDisposeScope();
        var logits = Examples.Logits(Examples.ThreeClassLogits).to(float64).requires_grad_();
        var accuracy = new Accuracy();

        accuracy.Update(logits, Examples.Targets(Examples.ThreeClassTargets));

        accuracy.Compute().Should().Be(0.6);
        logits.grad.Should().BeNull();
    }
}
