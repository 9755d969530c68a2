namespace MtlSharing.Metrics.Tests;

public sealed class InputValidationTests
{
    public static TheoryData<Func<IClassificationMetric>> Metrics() => new()
    {
        () => new Accuracy(),
        () => new TopKAccuracy(2),
        () => new ConfusionMatrix(3),
        () => new ClassificationMetrics(3, topK: [2]),
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Logits_must_be_a_floating_point_matrix(Func<IClassificationMetric> create)
    {
        using var scope = NewDisposeScope();
        var metric = create();

        metric.Invoking(m => m.Update(zeros([3]), Examples.Targets(0, 1, 2)))
            .Should().Throw<ArgumentException>().WithMessage("logits must have shape [N, C]; got [3]*").WithParameterName("logits");
        metric.Invoking(m => m.Update(zeros([2, 3], int64), Examples.Targets(0, 1)))
            .Should().Throw<ArgumentException>().WithMessage("logits must be a floating-point tensor; got Int64 [2, 3]*");
        metric.Invoking(m => m.Update(zeros([2, 0]), Examples.Targets(0, 1)))
            .Should().Throw<ArgumentException>().WithMessage("logits need at least one class; got shape [2, 0]*");
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Targets_must_be_int64_of_matching_length(Func<IClassificationMetric> create)
    {
        using var scope = NewDisposeScope();
        var metric = create();
        var logits = zeros([2, 3]);

        metric.Invoking(m => m.Update(logits, Examples.Targets(0, 1, 2)))
            .Should().Throw<ArgumentException>().WithMessage("targets must have shape [2] to match logits [2, 3]; got [3]*").WithParameterName("targets");
        metric.Invoking(m => m.Update(logits, zeros([2, 1], int64)))
            .Should().Throw<ArgumentException>().WithMessage("targets must have shape [2]*got [2, 1]*");
        metric.Invoking(m => m.Update(logits, tensor(new int[] { 0, 1 })))
            .Should().Throw<ArgumentException>().WithMessage("targets must be int64 class indices; got Int32*");
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Targets_must_be_classes_of_the_logits(Func<IClassificationMetric> create)
    {
        using var scope = NewDisposeScope();
        var metric = create();
        var logits = zeros([2, 3]);

        metric.Invoking(m => m.Update(logits, Examples.Targets(0, 3)))
            .Should().Throw<ArgumentException>().WithMessage("target 3 at index 1 is outside [0, 3) for logits with 3 classes; mark a missing label with the ignore index (-100) or the mask*");
        metric.Invoking(m => m.Update(logits, Examples.Targets(-1, 0)))
            .Should().Throw<ArgumentException>().WithMessage("target -1 at index 0 is outside [0, 3)*");
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void The_mask_must_be_bool_of_matching_length(Func<IClassificationMetric> create)
    {
        using var scope = NewDisposeScope();
        var metric = create();
        var logits = zeros([2, 3]);
        var targets = Examples.Targets(0, 1);

        metric.Invoking(m => m.Update(logits, targets, ones([2])))
            .Should().Throw<ArgumentException>().WithMessage("mask must be a Bool tensor of shape [2]; got Float32 [2]*").WithParameterName("mask");
        metric.Invoking(m => m.Update(logits, targets, Examples.Mask(true, true, false)))
            .Should().Throw<ArgumentException>().WithMessage("mask must be a Bool tensor of shape [2]; got Bool [3]*");
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Nan_logits_of_a_counted_sample_are_rejected(Func<IClassificationMetric> create)
    {
        using var scope = NewDisposeScope();
        var metric = create();
        var logits = Examples.Logits(new float[,] { { 1, 2, 3 }, { 0, float.NaN, 1 }, { float.NaN, 0, 0 } });

        metric.Invoking(m => m.Update(logits, Examples.Targets(0, 1, 2)))
            .Should().Throw<ArgumentException>().WithMessage("logits of sample 1 contain NaN*");

        // Skipped samples are not inspected: only s0 is counted.
        metric.Update(logits, Examples.Targets(0, -100, 2), Examples.Mask(true, true, false));
        metric.Count.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void A_rejected_batch_counts_nothing(Func<IClassificationMetric> create)
    {
        using var scope = NewDisposeScope();
        var metric = create();
        metric.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets));

        // The first four targets are valid; the fifth is out of range.
        metric.Invoking(m => m.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(0, 2, 1, 2, 9)))
            .Should().Throw<ArgumentException>();

        metric.Count.Should().Be(5);
    }

    [Fact]
    public void Null_and_disposed_tensors_are_rejected()
    {
        var accuracy = new Accuracy();
        var targets = Examples.Targets(0);
        var logits = zeros([1, 2]);
        logits.Dispose();

        accuracy.Invoking(a => a.Update(null!, targets)).Should().Throw<ArgumentNullException>().WithParameterName("logits");
        accuracy.Invoking(a => a.Update(logits, targets)).Should().Throw<ObjectDisposedException>();
        targets.Dispose();
    }
}
