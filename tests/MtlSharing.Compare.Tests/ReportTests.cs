using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;

namespace MtlSharing.Compare.Tests;

/// <summary>
/// report.py on hand-made result lines: each ratio is the median over rounds of that round's ratio,
/// the PyTorch target applies only to a channels-last run, differing models stop the report, and
/// the report names the network (stem and image size) and never mixes two.
/// </summary>
public sealed class ReportTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mtlsharing-report-").FullName;

    [Fact]
    public void Ratios_are_medians_of_the_rounds_ratios()
    {
        // MtlSharing 10, 9, 12 images/s against the hand-written 8, 10, 10 in rounds 1-3: the round
        // ratios are 1.25, 0.9 and 1.2, whose median is 1.2; the ratio of the medians would be 10/10 = 1.0.
        var lines = Params("shared", 100)
            .Concat(Timed("mtlsharing", "loop", [10, 9, 12], "channels-last"))
            .Concat(Timed("handwritten", "loop", [8, 10, 10], "channels-last"))
            .Concat(Timed("pytorch", "loop", [20, 5, 8], null));

        var (status, _) = Report(lines);

        status.Should().Be(0);
        var rows = Csv("targets.csv");
        rows.Should().ContainSingle(r => r[1] == "FP32, MtlSharing / TorchSharp by hand")
            .Which.Should().Equal("shared", "FP32, MtlSharing / TorchSharp by hand", "channels-last", "10.00", "10.00", "1.200", "3", ">= 1.0", "met");

        // Against PyTorch: 0.5, 1.8, 1.5, median 1.5.
        rows.Should().ContainSingle(r => r[1] == "FP32, MtlSharing / PyTorch")
            .Which.Should().Equal("shared", "FP32, MtlSharing / PyTorch", "channels-last", "10.00", "8.00", "1.500", "3", ">= 1.0 (channels last)", "met");
    }

    [Fact]
    public void The_PyTorch_target_is_not_judged_on_a_contiguous_run()
    {
        var lines = Params("shared", 100)
            .Concat(Timed("mtlsharing", "bf16-loop", [9], "contiguous"))
            .Concat(Timed("handwritten", "bf16-loop", [10], "contiguous"))
            .Concat(Timed("pytorch", "bf16-loop", [10], null));

        Report(lines).Status.Should().Be(0);

        var rows = Csv("targets.csv");
        rows.Single(r => r[1] == "bf16, MtlSharing / TorchSharp by hand")[^2..].Should().Equal(">= 1.0", "missed");
        rows.Single(r => r[1] == "bf16, MtlSharing / PyTorch bf16")[^1].Should().Be("not applicable: run was not channels last");
    }

    [Fact]
    public void A_hand_written_model_with_other_parameters_stops_the_report()
    {
        var lines = Params("shared", 100).Select(l => l.Contains("handwritten", StringComparison.Ordinal) ? l.Replace("100", "101", StringComparison.Ordinal) : l);

        var (status, errors) = Report(lines);

        status.Should().Be(1);
        errors.Should().Contain("shared: params MtlSharing 100 != TorchSharp by hand 101 != PyTorch 100");
    }

    [Theory]
    [InlineData("standard", 64, "ResNet-18, standard stem, 3x64x64 inputs", "per task of 3x64x64, ResNet-18 with torchvision's standard stem (7x7 stride-2 conv1 and max-pool)")]
    [InlineData("small", 32, "ResNet-18, small stem, 3x32x32 inputs", "per task of 3x32x32, ResNet-18 with the small-image stem (3x3 stride-1 conv1, no max-pool)")]
    [InlineData(null, 0, "ResNet-18, small stem, 3x32x32 inputs", "per task of 3x32x32, ResNet-18 with the small-image stem")]
    public void The_report_names_the_network_it_ran(string? stem, int size, string title, string settings)
    {
        // Lines without stem and image size were written before the two options, by the small stem at 32x32.
        var lines = Params("shared", 100).Concat(Timed("mtlsharing", "loop", [10], "contiguous")).Concat(Timed("pytorch", "loop", [10], null));

        Report(stem is null ? lines : OfNetwork(lines, stem, size)).Status.Should().Be(0);

        var markdown = File.ReadAllText(Path.Combine(directory, "results.md"));
        markdown.Should().StartWith($"# MtlSharing against TorchSharp by hand and PyTorch 1.13: {title}\n").And.Contain(settings);
    }

    [Fact]
    public void Lines_of_two_networks_stop_the_report()
    {
        var lines = OfNetwork(Params("shared", 100), "small", 32).Concat(OfNetwork(Timed("mtlsharing", "loop", [10], "contiguous"), "standard", 64));

        var (status, errors) = Report(lines);

        status.Should().Be(1);
        errors.Should().Contain("mixes the results of different networks (stem small at 32x32, stem standard at 64x64)");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static IEnumerable<string> OfNetwork(IEnumerable<string> lines, string stem, int size) =>
        lines.Select(line =>
        {
            var fields = JsonNode.Parse(line)!.AsObject();
            fields["stem"] = stem;
            fields["image_size"] = size;
            return fields.ToJsonString();
        });

    private static IEnumerable<string> Params(string layout, long count) =>
        new[] { "mtlsharing", "handwritten", "pytorch" }.Select(side => Line(new()
        {
            ["framework"] = side, ["layout"] = layout, ["mode"] = "params", ["tasks"] = 4, ["batch"] = 32, ["threads"] = 2, ["params"] = count,
        }));

    private static IEnumerable<string> Timed(string side, string mode, double[] imagesPerSecond, string? format) =>
        imagesPerSecond.Select((value, i) =>
        {
            var fields = new Dictionary<string, object>
            {
                ["round"] = i + 1, ["framework"] = side, ["layout"] = "shared", ["mode"] = mode, ["tasks"] = 4, ["batch"] = 32,
                ["threads"] = 2, ["params"] = 100, ["steps"] = 6, ["images_per_second"] = value,
            };
            if (format is not null)
            {
                fields["memory_format"] = format;
            }

            return Line(fields);
        });

    private static string Line(Dictionary<string, object> fields) => JsonSerializer.Serialize(fields);

    private (int Status, string Errors) Report(IEnumerable<string> lines)
    {
        var results = Path.Combine(directory, "results.jsonl");
        File.WriteAllLines(results, lines);
        // report.py needs only Python's standard library.
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "report.py"), results, "--out", directory })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors.Result);
    }

    /// <summary>The rows of a CSV file report.py wrote, header left out; quoted fields (which hold commas) unquoted.</summary>
    private List<string[]> Csv(string name) =>
        [.. File.ReadAllLines(Path.Combine(directory, name)).Skip(1).Select(Fields)];

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
