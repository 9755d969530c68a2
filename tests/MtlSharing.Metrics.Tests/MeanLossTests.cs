namespace MtlSharing.Metrics.Tests;

public sealed class MeanLossTests
{
    [Fact]
    public void Weights_batch_means_by_their_sample_counts()
    {
        var loss = new MeanLoss();

        // Per-sample sums: 0.5 * 2 = 1 and 2.0 * 1 = 2, so the mean is 3 / 3 = 1
        // (the plain mean of the two batch means would be 1.25).
        loss.Update(0.5, 2);
        loss.Update(2.0, 1);
        loss.Update(123.0, 0);

        loss.Count.Should().Be(3);
        loss.Sum.Should().Be(3.0);
        loss.Compute().Should().Be(1.0);
    }

    [Fact]
    public void Per_sample_losses_with_a_mask_are_summed_over_kept_samples()
    {
        using var scope = NewDisposeScope();
        var loss = new MeanLoss();

        // Kept: 1, 3, 4 -> 8 / 3; then 6 -> (8 + 6) / 4 = 3.5.
        loss.UpdatePerSample(tensor(new float[] { 1, 2, 3, 4 }), Examples.Mask(true, false, true, true));
        loss.Compute().Should().BeApproximately(8.0 / 3.0, 1e-15);
        loss.UpdatePerSample(tensor(new double[] { 6 }));
        loss.Count.Should().Be(4);
        loss.Compute().Should().Be(3.5);
    }

    [Fact]
    public void Streaming_cross_entropy_equals_the_mean_over_all_labelled_samples()
    {
        using var scope = NewDisposeScope();
        // Equal logits over two classes give each labelled sample a loss of ln 2; logits
        // [ln 3, 0] with target 0 give -ln(3/4) = ln(4/3). The third sample has no label.
        var ln3 = (float)Math.Log(3);
        var logits = Examples.Logits(new float[,] { { 0, 0 }, { ln3, 0 }, { 0, 0 }, { 0, 0 } });
        var targets = Examples.Targets(1, 0, -100, 0);
        var loss = new MeanLoss();

        // Batch 1: mean-reduced over its two samples; batch 2: one labelled sample of two.
        loss.Update(nn.functional.cross_entropy(logits.narrow(0, 0, 2), targets.narrow(0, 0, 2)), 2);
        loss.UpdatePerSample(
            nn.functional.cross_entropy(logits.narrow(0, 2, 2), targets.narrow(0, 2, 2), reduction: nn.Reduction.None),
            targets.narrow(0, 2, 2).ne(-100));

        // (ln 2 + ln(4/3) + ln 2) / 3
        loss.Count.Should().Be(3);
        loss.Compute().Should().BeApproximately((Math.Log(2) + Math.Log(4.0 / 3.0) + Math.Log(2)) / 3, 1e-6);
    }

    [Fact]
    public void Keeps_a_nan_loss_visible()
    {
        var loss = new MeanLoss();
        loss.Update(1.0, 3);
        loss.Update(double.NaN, 1);

        double.IsNaN(loss.Compute()).Should().BeTrue();
    }

    [Fact]
    public void Rejects_bad_inputs_and_computing_without_samples()
    {
        using var scope = NewDisposeScope();
        var loss = new MeanLoss();

        loss.Invoking(l => l.Compute()).Should().Throw<InvalidOperationException>().WithMessage("the mean loss has no samples*");
        loss.Invoking(l => l.Update(1.0, -1)).Should().Throw<ArgumentOutOfRangeException>();
        loss.Invoking(l => l.Update(zeros([2]), 2)).Should().Throw<ArgumentException>()
            .WithMessage("a mean loss must be a floating-point tensor with one element; got Float32 [2]*UpdatePerSample*");
        loss.Invoking(l => l.UpdatePerSample(zeros([2, 2])))
            .Should().Throw<ArgumentException>().WithMessage("per-sample losses must be a floating-point tensor of shape [N]; got Float32 [2, 2]*");
        loss.Invoking(l => l.UpdatePerSample(zeros([3], int64)))
            .Should().Throw<ArgumentException>().WithMessage("*got Int64 [3]*");
        loss.Invoking(l => l.UpdatePerSample(zeros([3]), Examples.Mask(true, false)))
            .Should().Throw<ArgumentException>().WithMessage("mask must be a Bool tensor of shape [3]; got Bool [2]*");
        loss.Count.Should().Be(0);
    }

    [Fact]
    public void Reset_starts_over()
    {
        var loss = new MeanLoss();
        loss.Update(4.0, 2);
        loss.Reset();
        loss.Update(1.0, 1);

        loss.Compute().Should().Be(1.0);
        loss.Count.Should().Be(1);
    }
}
