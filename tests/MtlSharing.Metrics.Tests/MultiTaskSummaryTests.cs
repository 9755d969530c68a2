namespace MtlSharing.Metrics.Tests;

public sealed class MultiTaskSummaryTests
{
    // birds: accuracy 0.90 -> 0.918, up 2 %:  +(0.918 - 0.90) / 0.90 = +0.02
    // cars:  error    0.10 -> 0.09, down 10 %: -(0.09 - 0.10) / 0.10 = +0.10 (lower is better)
    // Δ_MTL = (0.02 + 0.10) / 2 = 0.06
    private static MultiTaskSummary MixedDirections() => new(
    [
        new TaskComparison("birds", 0.918, 0.90),
        new TaskComparison("cars", 0.09, 0.10, MetricDirection.LowerIsBetter, "error"),
    ]);

    [Fact]
    public void Delta_mtl_signs_each_relative_change_by_its_direction()
    {
        var summary = MixedDirections();

        summary.Tasks[0].RelativeChange.Should().BeApproximately(0.02, 1e-12);
        summary.Tasks[1].RelativeChange.Should().BeApproximately(0.10, 1e-12);
        summary.DeltaMtl.Should().BeApproximately(0.06, 1e-12);
        PercentFormat.FormatSigned(summary.DeltaMtl).Should().Be("+6.00%");
    }

    [Fact]
    public void A_worse_lower_is_better_metric_counts_negatively()
    {
        // loss 0.50 -> 0.55 is 10 % worse: -(0.55 - 0.50) / 0.50 = -0.10.
        // With birds (+0.02) and cars (+0.10): (0.02 + 0.10 - 0.10) / 3 = 0.02 / 3.
        var summary = new MultiTaskSummary(
        [
            .. MixedDirections().Tasks,
            new TaskComparison("aircraft", 0.55, 0.50, MetricDirection.LowerIsBetter, "loss"),
        ]);

        summary.Tasks[2].RelativeChange.Should().BeApproximately(-0.10, 1e-12);
        summary.DeltaMtl.Should().BeApproximately(0.02 / 3, 1e-12);
    }

    [Fact]
    public void Compare_pairs_results_with_baselines_by_task()
    {
        var results = new Dictionary<string, double> { ["birds"] = 0.80, ["cars"] = 0.60 };
        var baselines = new Dictionary<string, double> { ["birds"] = 0.75, ["aircraft"] = 0.5, ["cars"] = 0.65 };

        var summary = MultiTaskSummary.Compare(results, baselines);

        // birds: 0.05 / 0.75 = 1/15; cars: -0.05 / 0.65 = -1/13;
        // Δ_MTL = (1/15 - 1/13) / 2 = (13 - 15) / 195 / 2 = -1/195.
        summary.Tasks.Select(t => t.Task).Should().Equal("birds", "cars");
        summary.Tasks[0].RelativeChange.Should().BeApproximately(1.0 / 15, 1e-12);
        summary.Tasks[1].RelativeChange.Should().BeApproximately(-1.0 / 13, 1e-12);
        summary.DeltaMtl.Should().BeApproximately(-1.0 / 195, 1e-12);

        // Mean accuracy (0.80 + 0.60) / 2 and mean baseline (0.75 + 0.65) / 2; aircraft is not a result.
        summary.MeanValue.Should().BeApproximately(0.70, 1e-12);
        summary.MeanBaseline.Should().BeApproximately(0.70, 1e-12);
    }

    [Fact]
    public void Means_are_left_out_when_tasks_report_different_metrics()
    {
        var summary = MixedDirections();

        summary.MeanValue.Should().BeNull();
        summary.MeanBaseline.Should().BeNull();
    }

    [Fact]
    public void A_missing_baseline_is_named()
    {
        var results = new Dictionary<string, double> { ["birds"] = 0.8, ["cars"] = 0.6, ["aircraft"] = 0.7 };
        var baselines = new Dictionary<string, double> { ["birds"] = 0.75 };

        var act = () => MultiTaskSummary.Compare(results, baselines);

        act.Should().Throw<ArgumentException>()
            .WithMessage("no baseline for tasks 'cars', 'aircraft'; baselines are given for birds*").WithParameterName("baselines");
    }

    [Theory]
    [InlineData(0.0, "*the baseline accuracy is 0; Δ_MTL divides by the baseline, so it must be finite and positive*")]
    [InlineData(-0.5, "*the baseline accuracy is -0.5*")]
    [InlineData(double.NaN, "*the baseline accuracy is NaN*")]
    public void A_baseline_must_be_positive(double baseline, string message)
    {
        var act = () => new TaskComparison("birds", 0.8, baseline);

        act.Should().Throw<ArgumentException>().WithMessage("task 'birds': " + message[1..]).WithParameterName("baseline");
    }

    [Fact]
    public void Other_bad_inputs_are_rejected()
    {
        var nanValue = () => new TaskComparison("birds", double.NaN, 0.8);
        nanValue.Should().Throw<ArgumentException>().WithMessage("task 'birds': the accuracy is NaN; it must be a finite number*");
        var noName = () => new TaskComparison(" ", 0.8, 0.8);
        noName.Should().Throw<ArgumentException>();
        var badDirection = () => new TaskComparison("birds", 0.8, 0.8, (MetricDirection)7);
        badDirection.Should().Throw<ArgumentOutOfRangeException>();
        var empty = () => new MultiTaskSummary([]);
        empty.Should().Throw<ArgumentException>().WithMessage("a multi-task summary needs at least one task*");
        var twice = () => new MultiTaskSummary([new TaskComparison("birds", 0.8, 0.7), new TaskComparison("birds", 0.9, 0.7)]);
        twice.Should().Throw<ArgumentException>().WithMessage("task 'birds' appears 2 times*");
    }

    [Fact]
    public void Renders_as_text()
    {
        MixedDirections().ToText().Should().Be(
            "task          metric    better  value  baseline  relative change\n" +
            "birds         accuracy  higher  0.918       0.9           +2.00%\n" +
            "cars          error     lower    0.09       0.1          +10.00%\n" +
            "mean (Δ_MTL)                                              +6.00%\n");
    }

    [Fact]
    public void Renders_as_markdown_with_the_mean_accuracy_when_all_tasks_report_accuracy()
    {
        var summary = new MultiTaskSummary([new TaskComparison("birds", 0.918, 0.9), new TaskComparison("cars", 0.7, 0.8)]);

        // cars: (0.7 - 0.8) / 0.8 = -12.5 %; Δ_MTL = (2 - 12.5) / 2 = -5.25 %; means 0.809 and 0.85.
        summary.ToMarkdown().Should().Be(
            "| task | metric | better | value | baseline | relative change |\n" +
            "| :--- | :--- | :--- | ---: | ---: | ---: |\n" +
            "| birds | accuracy | higher | 0.918 | 0.9 | +2.00% |\n" +
            "| cars | accuracy | higher | 0.7 | 0.8 | -12.50% |\n" +
            "| mean (Δ_MTL) | accuracy | higher | 0.809 | 0.85 | -5.25% |\n");
    }

    [Fact]
    public void Renders_as_csv_with_round_trip_numbers()
    {
        var summary = MixedDirections();
        var lines = summary.ToCsv().Split('\n');

        lines[0].Should().Be("task,metric,better,value,baseline,relative_change");
        lines[1].Should().StartWith("birds,accuracy,higher,0.918,0.9,");
        lines[2].Should().StartWith("cars,error,lower,0.09,0.1,");
        lines[3].Should().StartWith("mean,,,,,");
        lines[4].Should().BeEmpty();
        lines.Length.Should().Be(5);
        double.Parse(lines[1].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture).Should().Be(summary.Tasks[0].RelativeChange);
        double.Parse(lines[3].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture).Should().Be(summary.DeltaMtl);
    }

    [Fact]
    public void Csv_quotes_task_names_with_commas()
    {
        var summary = new MultiTaskSummary([new TaskComparison("cars, \"stanford\"", 0.5, 0.5)]);

        summary.ToCsv().Split('\n')[1].Should().Be("\"cars, \"\"stanford\"\"\",accuracy,higher,0.5,0.5,0");
    }
}
