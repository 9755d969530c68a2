using System.Text.Json;

namespace MtlSharing.Compare.Tests;

/// <summary>Each kind of measurement runs end to end on a tiny batch and reports what it measured (never asserting on time).</summary>
public sealed class BenchmarkRunTests
{
    private static readonly CompareOptions Tiny = CompareOptions.Parse(["--batch", "2", "--tasks", "2", "--steps", "1", "--warmup", "0"]);

    [Theory]
    [InlineData("loop", 0)]
    [InlineData("batched", 0)]
    [InlineData("bf16-batched", 3)]
    public void Training_reports_images_per_second_parameters_and_the_warm_up_it_ran(string mode, int warmup)
    {
        var line = Parse(TrainingBenchmark.Run(Layout.Parse("top:1", 9), BenchMode.Parse(mode), Tiny));

        line.GetProperty("framework").GetString().Should().Be("mtlsharing");
        line.GetProperty("mode").GetString().Should().Be(mode);
        line.GetProperty("params").GetInt64().Should().Be(15_899_732, "11,168,832 backbone + a second layer4.1 (two 512x512x3x3 convolutions and two BatchNorms: 4,720,640) + 2 heads of 5,130");
        line.GetProperty("warmup").GetInt32().Should().Be(warmup);
        line.GetProperty("images_per_second").GetDouble().Should().BePositive();
        double.IsFinite(line.GetProperty("final_loss").GetDouble()).Should().BeTrue();
    }

    [Theory]
    [InlineData("loop", "contiguous")]
    [InlineData("bf16-loop", "channels-last")]
    public void The_hand_written_side_trains_the_same_network(string mode, string format)
    {
        var options = CompareOptions.Parse(["--side", "hand-written", "--batch", "2", "--tasks", "2", "--steps", "1", "--warmup", "0", "--memory-format", format]);

        var line = Parse(TrainingBenchmark.Run(Layout.Parse("top:1", 9), BenchMode.Parse(mode), options));

        line.GetProperty("framework").GetString().Should().Be("handwritten");
        line.GetProperty("memory_format").GetString().Should().Be(format);
        line.GetProperty("params").GetInt64().Should().Be(15_899_732, "the same count as MtlSharing's model of top:1 with 2 tasks");
        line.GetProperty("images_per_second").GetDouble().Should().BePositive();
        double.IsFinite(line.GetProperty("final_loss").GetDouble()).Should().BeTrue();
    }

    [Theory]
    [InlineData("mtlsharing", "mtlsharing")]
    [InlineData("hand-written", "handwritten")]
    public void Both_sides_train_the_standard_stem_at_64(string side, string framework)
    {
        var options = CompareOptions.Parse(["--side", side, "--batch", "2", "--tasks", "2", "--steps", "1", "--warmup", "0", "--stem", "standard", "--image-size", "64"]);

        var line = Parse(TrainingBenchmark.Run(Layout.Parse("top:1", 9), BenchMode.Loop, options));

        line.GetProperty("framework").GetString().Should().Be(framework);
        (line.GetProperty("stem").GetString(), line.GetProperty("image_size").GetInt32()).Should().Be(("standard", 64));
        line.GetProperty("params").GetInt64().Should().Be(15_907_412, "the small stem's 15,899,732 with a 7x7 instead of a 3x3 conv1: 3 x 64 x (49 - 9) = 7,680 more");
        double.IsFinite(line.GetProperty("final_loss").GetDouble()).Should().BeTrue();
    }

    [Fact]
    public void Inference_times_all_tasks_against_one_network()
    {
        var line = Parse(InferenceBenchmark.Run(Layout.Parse("top:1", 9), Tiny));

        line.GetProperty("fans_out").GetBoolean().Should().BeTrue();
        line.GetProperty("ms_all_tasks").GetDouble().Should().BePositive();
        line.GetProperty("ms_single_model").GetDouble().Should().BePositive();
        line.GetProperty("macs_all_over_single").GetDouble().Should().BeApproximately(1 + ((75_497_472 + 5_120) / 555_422_720.0), 1e-12);
    }

    private static JsonElement Parse(ResultLine line) => JsonDocument.Parse(line.ToString()).RootElement;
}
