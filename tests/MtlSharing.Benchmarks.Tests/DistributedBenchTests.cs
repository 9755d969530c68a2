using System.Text.Json;
using MtlSharing.DistributedBench;

namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// benchmarks/Distributed runs end to end at a tiny setting (top:1, 2 tasks of 2 images, one warm-up
/// and one timed step) and reports what it measured, never asserting on time. top:1 with 2 tasks has
/// 15,899,732 parameters: the backbone's 11,168,832, a second layer4.1 (4,720,640) and two heads of 5,130.
/// </summary>
public sealed class DistributedBenchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Tiny = ["--layout", "top:1", "--tasks", "2", "--batch", "2", "--warmup", "1", "--steps", "1", "--threads", "1"];

    [Fact]
    public void Alone_it_reports_one_rank_without_communication()
    {
        var line = DistributedBenchJob.Run(1, Timeout, Tiny);

        (line.GetProperty("ranks").GetInt32(), line.GetProperty("threads").GetInt32(), line.GetProperty("placement").GetString(), line.GetProperty("layout").GetString())
            .Should().Be((1, 1, "everywhere", "top:1"));
        line.GetProperty("params").GetInt64().Should().Be(15_899_732);
        line.GetProperty("images_per_step").GetInt32().Should().Be(4, "2 tasks x 2 images");
        line.GetProperty("images_per_second").GetDouble().Should().BePositive();
        line.GetProperty("ms_per_step").GetDouble().Should().BePositive();
        line.GetProperty("communication_share").GetDouble().Should().BeInRange(0, 0.01, "a world of one only calls collectives that do nothing");
        Longs(line, "bytes_allreduced_per_step").Should().Equal(0);
        Longs(line, "parameters_held").Should().Equal(15_899_732);
        Longs(line, "tasks_per_rank").Should().Equal(2);
    }

    [Fact]
    public void On_two_ranks_with_tasks_spread_each_rank_holds_and_reduces_only_its_share()
    {
        var line = DistributedBenchJob.Run(2, Timeout, [.. Tiny, "--placement", "spread"]);

        (line.GetProperty("ranks").GetInt32(), line.GetProperty("placement").GetString()).Should().Be((2, "spread"));
        line.GetProperty("images_per_step").GetInt32().Should().Be(4, "each rank trains its 1 task on 2 images");
        line.GetProperty("communication_share").GetDouble().Should().BeInRange(0, 1).And.BePositive();
        Longs(line, "tasks_per_rank").Should().Equal(1, 1);
        Longs(line, "parameters_held").Should().Equal([11_173_962, 11_173_962], "the 6,448,192 shared parameters below layer4.1, the rank's own layer4.1 (4,720,640) and head (5,130)");
        Longs(line, "bytes_allreduced_per_step").Should().Equal([25_822_976, 25_822_976], "4 bytes x (6,448,192 shared parameters + 7,552 shared BatchNorm running means and variances); a task on one rank reduces nothing of its own");
    }

    [Fact]
    public void The_table_gives_scaling_efficiency_against_twice_one_rank_and_the_verdict_on_the_target()
    {
        string[] lines =
        [
            Line(1, 1, "everywhere", 100, 0),
            Line(1, 2, "everywhere", 150, 0),
            Line(2, 1, "everywhere", 170, 0.05),
            Line(2, 1, "everywhere", 150, 0.15),
            Line(2, 1, "everywhere", 190, 0.10),
            Line(2, 1, "spread", 120, 0.2),
        ];

        var table = ScalingTable.Markdown(lines, "benchmarks/distributed.sh");

        table.Should().Contain("| shared | 100.0 | 150.0 | 170.0 | 10.0% | 0.850 | 1.133 | 120.0 | 20.0% | 0.600 |", "the medians of the three 2-rank lines: 170 images/s and 10%");
        table.Should().Contain("scaling efficiency ≥ 0.8 for the fully shared layout at batch 32, 2 ranks × 1 thread: 0.850, met");
    }

    private static string Line(int ranks, int threads, string placement, double imagesPerSecond, double communicationShare) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ranks"] = ranks,
            ["threads"] = threads,
            ["placement"] = placement,
            ["layout"] = "shared",
            ["tasks"] = 4,
            ["batch"] = 32,
            ["autocast"] = "fp32",
            ["images_per_second"] = imagesPerSecond,
            ["communication_share"] = communicationShare,
        });

    private static long[] Longs(JsonElement line, string key) => [.. line.GetProperty(key).EnumerateArray().Select(e => e.GetInt64())];
}
