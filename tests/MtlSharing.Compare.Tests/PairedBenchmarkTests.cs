using System.Text.Json;

namespace MtlSharing.Compare.Tests;

/// <summary>
/// The paired side: the ABBA order of its steps, the median and order-statistic interval of the
/// per-pair ratios on hand-made numbers, the verdict rule, its options, a tiny real run (never
/// asserting on time) and the Markdown table of overhead.sh.
/// </summary>
public sealed class PairedBenchmarkTests
{
    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "AB")]
    [InlineData(2, "ABBA")]
    [InlineData(5, "ABBAABBAAB")]
    public void Steps_alternate_in_ABBA_order(int pairs, string order)
    {
        PairedBenchmark.Order(pairs).Should().Be(order);
    }

    [Fact]
    public void ABBA_puts_each_side_first_in_half_the_pairs_and_after_either_side_equally_often()
    {
        var order = PairedBenchmark.Order(20);

        Enumerable.Range(0, 20).Count(i => order[2 * i] == 'A').Should().Be(10);
        var followers = Enumerable.Range(1, order.Length - 1).Select(i => order[(i - 1)..(i + 1)]).ToList();
        (followers.Count(f => f == "AA"), followers.Count(f => f == "BA")).Should().Be((9, 10), "A follows A where two ABBA blocks meet and B within each block");
        (followers.Count(f => f == "BB"), followers.Count(f => f == "AB")).Should().Be((10, 10));
    }

    [Fact]
    public void The_interval_of_20_pairs_runs_from_the_6th_to_the_15th_value()
    {
        // 0.91, 0.92, ..., 1.10 shuffled: the median is (1.00 + 1.01) / 2, the 6th value 0.96 and the
        // 15th 1.05; the coverage is 1 - 2 P(B <= 5) for B ~ Binomial(20, 1/2), 1 - 2 x 21,700 / 2^20.
        var values = Enumerable.Range(1, 20).Select(i => 0.90 + (i / 100.0)).OrderBy(v => Math.Sin(v * 1000)).ToList();

        PairedStatistics.Median(values).Should().BeApproximately(1.005, 1e-12);
        var (low, high, coverage) = PairedStatistics.MedianInterval(values);

        (low, high).Should().Be((values.Order().ElementAt(5), values.Order().ElementAt(14)));
        low.Should().BeApproximately(0.96, 1e-12);
        high.Should().BeApproximately(1.05, 1e-12);
        coverage.Should().BeApproximately(1 - (2 * 21_700 / 1_048_576.0), 1e-12);
    }

    [Theory]
    [InlineData(6, 1 - (2 / 64.0))]
    [InlineData(5, 1 - (2 / 32.0))]
    [InlineData(2, 0.5)]
    public void Few_pairs_give_the_full_range_with_its_coverage(int pairs, double coverage)
    {
        var values = new[] { 1.03, 0.97, 1.01, 0.99, 1.05, 0.95 }.Take(pairs).ToList();

        var interval = PairedStatistics.MedianInterval(values);

        (interval.Low, interval.High).Should().Be((values.Min(), values.Max()));
        interval.Coverage.Should().BeApproximately(coverage, 1e-12);
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        PairedStatistics.Median([3.0, 1.0, 2.0]).Should().Be(2.0);
    }

    [Theory]
    [InlineData(0.985, 1.020, 0.96, "met")]
    [InlineData(0.980, 1.000, 0.96, "met")]
    [InlineData(0.950, 0.979, 0.96, "missed")]
    [InlineData(0.970, 0.980, 0.96, "not resolved")]
    [InlineData(0.970, 1.010, 0.96, "not resolved")]
    [InlineData(0.990, 1.010, 0.9375, "not resolved")]
    [InlineData(0.900, 0.950, 0.5, "not resolved")]
    public void The_verdict_needs_the_whole_95_percent_interval_on_one_side_of_the_target(double low, double high, double coverage, string verdict)
    {
        PairedStatistics.Verdict(low, high, coverage, PairedBenchmark.Target).Should().Be(verdict);
    }

    [Fact]
    public void The_paired_side_runs_the_per_task_loop_for_a_number_of_pairs()
    {
        var options = CompareOptions.Parse(["--side", "paired", "--modes", "loop,bf16-loop", "--pairs", "6"]);

        options.Side.Should().Be(Side.Paired);
        options.Modes.Should().Equal(BenchMode.Loop, BenchMode.Bf16Loop);
        options.Pairs.Should().Be(6);
        CompareOptions.Parse(["--side", "paired"]).Pairs.Should().Be(20);
    }

    [Theory]
    [InlineData(new[] { "--side", "paired", "--modes", "batched" }, "the paired side runs the modes loop, bf16-loop; got 'batched'")]
    [InlineData(new[] { "--side", "paired", "--steps", "5" }, "the paired side times --pairs pairs of single steps, not --steps")]
    [InlineData(new[] { "--pairs", "5" }, "--pairs is an option of --side paired; *")]
    [InlineData(new[] { "--side", "paired", "--pairs", "0" }, "--pairs must be an integer of at least 1; got '0'")]
    public void The_paired_side_refuses_what_it_does_not_run(string[] args, string message)
    {
        var parse = () => CompareOptions.Parse(args);

        parse.Should().Throw<UsageException>().WithMessage(message);
    }

    [Theory]
    [InlineData("loop", "contiguous", 0)]
    [InlineData("bf16-loop", "channels-last", 3)]
    public void A_tiny_paired_run_reports_both_sides_and_the_ratio(string mode, string format, int warmup)
    {
        var options = CompareOptions.Parse(["--side", "paired", "--modes", mode, "--batch", "2", "--tasks", "2", "--pairs", "2", "--warmup", "0", "--memory-format", format]);

        var line = JsonDocument.Parse(PairedBenchmark.Run(Layout.Parse("top:1", 9), BenchMode.Parse(mode), options).ToString()).RootElement;

        line.GetProperty("framework").GetString().Should().Be("paired");
        (line.GetProperty("layout").GetString(), line.GetProperty("mode").GetString(), line.GetProperty("memory_format").GetString()).Should().Be(("top:1", mode, format));
        line.GetProperty("params").GetInt64().Should().Be(15_899_732, "both models of top:1 with 2 tasks have this count");
        (line.GetProperty("pairs").GetInt32(), line.GetProperty("warmup").GetInt32()).Should().Be((2, warmup));
        var ours = line.GetProperty("mtlsharing_ms").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var hand = line.GetProperty("handwritten_ms").EnumerateArray().Select(e => e.GetDouble()).ToList();
        ours.Should().HaveCount(2).And.OnlyContain(ms => ms > 0);
        hand.Should().HaveCount(2).And.OnlyContain(ms => ms > 0);
        var ratios = hand.Zip(ours, (h, o) => h / o).ToList();
        line.GetProperty("ratio").GetDouble().Should().BeApproximately(ratios.Average(), 1e-9, "the median of two ratios is their mean");
        (line.GetProperty("ratio_low").GetDouble(), line.GetProperty("ratio_high").GetDouble()).Should().Be((ratios.Min(), ratios.Max()));
        line.GetProperty("interval_coverage").GetDouble().Should().BeApproximately(0.5, 1e-12);
        line.GetProperty("overhead_percent").GetDouble().Should().BeApproximately(100 * (1 - line.GetProperty("ratio").GetDouble()), 1e-9);
        line.GetProperty("verdict").GetString().Should().Be("not resolved", "two pairs give no 95% interval");
        line.GetProperty("mtlsharing_images_per_second").GetDouble().Should().BeApproximately(4000 / ((ours[0] + ours[1]) / 2), 1e-6);
        line.GetProperty("handwritten_images_per_second").GetDouble().Should().BePositive();
        double.IsFinite(line.GetProperty("mtlsharing_final_loss").GetDouble()).Should().BeTrue();
        double.IsFinite(line.GetProperty("handwritten_final_loss").GetDouble()).Should().BeTrue();
    }

    [Fact]
    public void The_table_gives_images_per_second_the_ratio_with_its_interval_the_overhead_and_the_verdict()
    {
        string[] lines =
        [
            """{"framework":"paired","layout":"top:3","mode":"loop","tasks":4,"batch":32,"threads":2,"memory_format":"channels-last","stem":"small","image_size":32,"pairs":20,"mtlsharing_images_per_second":40.04,"handwritten_images_per_second":41.0,"ratio":0.975,"ratio_low":0.96,"ratio_high":0.99,"interval_coverage":0.9586,"overhead_percent":2.5,"verdict":"not resolved"}""",
            """{"framework":"paired","layout":"shared","mode":"bf16-loop","tasks":4,"batch":32,"threads":2,"memory_format":"channels-last","stem":"small","image_size":32,"pairs":2,"mtlsharing_images_per_second":50,"handwritten_images_per_second":49,"ratio":1.02,"ratio_low":1.01,"ratio_high":1.03,"interval_coverage":0.5,"overhead_percent":-2,"verdict":"not resolved"}""",
            """{"framework":"mtlsharing","layout":"shared","mode":"loop"}""",
        ];

        var table = OverheadTable.Markdown(lines, "benchmarks/compare/overhead.sh --pairs 20");

        table.Should().Contain("ResNet-18, small stem at 32x32; 4 tasks x 32 images per step; 2 threads; memory format channels-last.")
            .And.Contain("Command: `benchmarks/compare/overhead.sh --pairs 20`")
            .And.Contain("| top:3 | loop | 40.0 | 41.0 | 0.975 [0.960, 0.990] | 2.5 | 20 | not resolved |")
            .And.Contain("| shared | bf16-loop | 50.0 | 49.0 | 1.020 [1.010, 1.030] (50%) | -2.0 | 2 | not resolved |");
        table.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal)).Should().Be(3, "a heading and the two paired lines; other sides' lines are left out");
    }

    [Fact]
    public void A_table_without_paired_lines_is_a_usage_error()
    {
        var table = () => OverheadTable.Markdown(["""{"framework":"mtlsharing"}"""]);

        table.Should().Throw<UsageException>().WithMessage("no lines of the paired side");
    }
}
