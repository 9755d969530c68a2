namespace MtlSharing.Metrics.Tests;

public sealed class ConfusionMatrixTests
{
    private static ConfusionMatrix FourClassMatrix()
    {
        using var scope = NewDisposeScope();
        var matrix = new ConfusionMatrix(4);
        matrix.Update(Examples.Logits(Examples.FourClassLogits), Examples.Targets(Examples.FourClassTargets));
        return matrix;
    }

    [Fact]
    public void Counts_rows_by_true_class_and_columns_by_predicted_class()
    {
        var matrix = FourClassMatrix();

        matrix.ToArray().Should().BeEquivalentTo(Examples.FourClassCounts, o => o.WithStrictOrdering());
        matrix[0, 3].Should().Be(1);
        matrix[2, 1].Should().Be(1);
        matrix.Count.Should().Be(7);
        matrix.Support(0).Should().Be(3);
        matrix.Support(3).Should().Be(0);
    }

    [Fact]
    public void Per_class_accuracy_is_nan_for_a_class_without_samples()
    {
        var matrix = FourClassMatrix();

        // Diagonal over row sums: 2/3, 1/2, 1/2, and 0/0 for class 3.
        var perClass = matrix.PerClassAccuracy();
        perClass[0].Should().BeApproximately(2.0 / 3.0, 1e-15);
        perClass[1].Should().Be(0.5);
        perClass[2].Should().Be(0.5);
        double.IsNaN(perClass[3]).Should().BeTrue();

        // Macro over the three present classes: (2/3 + 1/2 + 1/2) / 3 = 5/9.
        matrix.MacroAccuracy().Should().BeApproximately(5.0 / 9.0, 1e-15);

        // Overall: diagonal 2 + 1 + 1 = 4 of 7.
        matrix.OverallAccuracy().Should().BeApproximately(4.0 / 7.0, 1e-15);
    }

    [Fact]
    public void Overall_accuracy_agrees_with_the_accuracy_metric()
    {
        using var scope = NewDisposeScope();
        var logits = Examples.Logits(Examples.ThreeClassLogits);
        var targets = Examples.Targets(Examples.ThreeClassTargets);
        var matrix = new ConfusionMatrix(3);
        matrix.Update(logits, targets);

        // s0 (0,0), s1 (2,1), s2 (1,0) by the tie, s3 (2,2), s4 (0,0) by the tie.
        matrix.ToArray().Should().BeEquivalentTo(new long[,] { { 2, 0, 0 }, { 1, 0, 0 }, { 0, 1, 1 } }, o => o.WithStrictOrdering());
        matrix.OverallAccuracy().Should().Be(0.6);
    }

    [Fact]
    public void Streaming_batches_add_up_and_masks_count_only_kept_samples()
    {
        using var scope = NewDisposeScope();
        var streamed = new ConfusionMatrix(4);
        foreach (var (start, length) in new[] { (0, 3), (3, 1), (4, 3) })
        {
            var (logits, targets) = Examples.Rows(Examples.FourClassLogits, Examples.FourClassTargets, start, length);
            streamed.Update(logits, targets);
        }

        // A second pass keeps only s4 and s6 by the mask, and s4's target is ignored: it adds s6's (0, 3).
        streamed.Update(
            Examples.Logits(Examples.FourClassLogits),
            Examples.Targets(0, 1, 2, 2, -100, 0, 0),
            Examples.Mask(false, false, false, false, true, false, true));

        var expected = (long[,])Examples.FourClassCounts.Clone();
        expected[0, 3] = 2;
        streamed.ToArray().Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        streamed.Count.Should().Be(8);
    }

    [Fact]
    public void Reset_clears_the_counts()
    {
        var matrix = FourClassMatrix();
        matrix.Reset();

        matrix.Count.Should().Be(0);
        matrix.ToArray().Cast<long>().Should().OnlyContain(c => c == 0);
        matrix.PerClassAccuracy().Should().OnlyContain(a => double.IsNaN(a));
        matrix.Invoking(m => m.MacroAccuracy()).Should().Throw<InvalidOperationException>();
        matrix.Invoking(m => m.OverallAccuracy()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Renders_as_text()
    {
        var text = FourClassMatrix().ToText(["cat", "dog", "emu", "fox"]);

        text.Should().Be(
            "true \\ predicted  cat  dog  emu  fox  accuracy\n" +
            "cat                 2    0    0    1    66.67%\n" +
            "dog                 1    1    0    0    50.00%\n" +
            "emu                 0    1    1    0    50.00%\n" +
            "fox                 0    0    0    0       n/a\n");
    }

    [Fact]
    public void Renders_as_markdown_with_index_names_by_default()
    {
        var markdown = FourClassMatrix().ToMarkdown();

        markdown.Should().Be(
            "| true \\ predicted | 0 | 1 | 2 | 3 | accuracy |\n" +
            "| :--- | ---: | ---: | ---: | ---: | ---: |\n" +
            "| 0 | 2 | 0 | 0 | 1 | 66.67% |\n" +
            "| 1 | 1 | 1 | 0 | 0 | 50.00% |\n" +
            "| 2 | 0 | 1 | 1 | 0 | 50.00% |\n" +
            "| 3 | 0 | 0 | 0 | 0 | n/a |\n");
    }

    [Fact]
    public void Rejects_wrong_class_names_indices_and_class_counts()
    {
        using var scope = NewDisposeScope();
        var matrix = FourClassMatrix();

        matrix.Invoking(m => m.ToText(["cat", "dog"])).Should().Throw<ArgumentException>().WithMessage("need 4 non-empty class names; got 2*");
        matrix.Invoking(m => m[4, 0]).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("trueClass");
        matrix.Invoking(m => m.Support(-1)).Should().Throw<ArgumentOutOfRangeException>();
        matrix.Invoking(m => m.Update(Examples.Logits(Examples.ThreeClassLogits), Examples.Targets(Examples.ThreeClassTargets)))
            .Should().Throw<ArgumentException>().WithMessage("logits have 3 classes but the confusion matrix has 4*");
        matrix.Count.Should().Be(7);
        var act = () => new ConfusionMatrix(0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
