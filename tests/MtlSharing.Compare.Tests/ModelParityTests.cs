using System.Text.Json;

namespace MtlSharing.Compare.Tests;

/// <summary>
/// The MtlSharing model and the hand-written TorchSharp model of each layout against the PyTorch
/// model of pytorch_side.py, recorded in Fixtures/pytorch_params.jsonl by Fixtures/record_pytorch_params.sh.
/// </summary>
public sealed class ModelParityTests
{
    public static TheoryData<string> RecordedLayouts() => [.. Recorded().Keys];

    [Theory]
    [MemberData(nameof(RecordedLayouts))]
    public void Parameters_multiply_adds_and_blocks_equal_PyTorch(string layout)
    {
        var recorded = Recorded()[layout];
        var options = CompareOptions.Parse(["--tasks", "4", "--classes", "10"]);

        var (model, costs) = ComparisonModel.Build(Layout.Parse(layout, 9), options, concatenateTaskBatches: true);
        using var owned = model;
        using var backbone = ComparisonModel.Backbone();

        ComparisonModel.ParameterCount(model).Should().Be(recorded.GetProperty("params").GetInt64());
        costs.ForwardPerImage.Should().Be(recorded.GetProperty("forward_macs_per_image").GetInt64());
        var blocks = recorded.GetProperty("blocks").EnumerateArray().Select(b => b.EnumerateArray().Select(p => p.GetString()).ToList()).ToList();
        backbone.Blocks.Should().BeEquivalentTo(blocks, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(RecordedLayouts))]
    public void The_hand_written_model_has_PyTorchs_parameters_and_blocks(string layout)
    {
        // A shared block counted once per task, or a per-task block shared, would change the count.
        var recorded = Recorded()[layout];
        var options = CompareOptions.Parse(["--side", "hand-written", "--tasks", "4", "--classes", "10"]);

        using var model = TrainingBenchmark.HandWritten(Layout.Parse(layout, 9), options);

        ComparisonModel.ParameterCount(model).Should().Be(recorded.GetProperty("params").GetInt64());
        var blocks = recorded.GetProperty("blocks").EnumerateArray().Select(b => b.EnumerateArray().Select(p => p.GetString()).ToList()).ToList();
        model.BlockPaths.Should().BeEquivalentTo(blocks, o => o.WithStrictOrdering());
    }

    private static Dictionary<string, JsonElement> Recorded() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch_params.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(line => line.GetProperty("layout").GetString()!, StringComparer.Ordinal);
}
