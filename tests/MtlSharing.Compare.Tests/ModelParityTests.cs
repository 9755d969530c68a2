using System.Globalization;
using System.Text.Json;

namespace MtlSharing.Compare.Tests;

/// <summary>
/// The MtlSharing model and the hand-written TorchSharp model of each layout against the PyTorch
/// model of pytorch_side.py, recorded in Fixtures/pytorch_params.jsonl by Fixtures/record_pytorch_params.sh
/// for both networks compare.sh runs: the small-image stem at 32×32 and torchvision's standard stem at 64×64.
/// </summary>
public sealed class ModelParityTests
{
    public static TheoryData<string, int, string> RecordedModels()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (stem, imageSize, layout) in Recorded().Keys)
        {
            data.Add(stem, imageSize, layout);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedModels))]
    public void Parameters_multiply_adds_and_blocks_equal_PyTorch(string stem, int imageSize, string layout)
    {
        var recorded = Recorded()[(stem, imageSize, layout)];
        var options = Options("mtlsharing", stem, imageSize);

        var (model, costs) = ComparisonModel.Build(Layout.Parse(layout, 9), options, concatenateTaskBatches: true);
        using var owned = model;
        using var backbone = ComparisonModel.Backbone(options);

        ComparisonModel.ParameterCount(model).Should().Be(recorded.GetProperty("params").GetInt64());
        costs.ForwardPerImage.Should().Be(recorded.GetProperty("forward_macs_per_image").GetInt64());
        backbone.Blocks.Should().BeEquivalentTo(Blocks(recorded), o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(RecordedModels))]
    public void The_hand_written_model_has_PyTorchs_parameters_and_blocks(string stem, int imageSize, string layout)
    {
        // A shared block counted once per task, or a per-task block shared, would change the count.
        var recorded = Recorded()[(stem, imageSize, layout)];

        using var model = TrainingBenchmark.HandWritten(Layout.Parse(layout, 9), Options("hand-written", stem, imageSize));

        ComparisonModel.ParameterCount(model).Should().Be(recorded.GetProperty("params").GetInt64());
        model.BlockPaths.Should().BeEquivalentTo(Blocks(recorded), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Both_networks_are_recorded_for_the_layouts_compare_sh_runs_by_default()
    {
        var recorded = Recorded().Keys.Select(key => (key.Stem, key.ImageSize, key.Layout)).ToList();

        // Re-recording with only one network would otherwise drop the other's cases silently.
        recorded.Should().Contain(("standard", 64, "shared")).And.Contain(("standard", 64, "bottom:3"))
            .And.Contain(("standard", 64, "top:3")).And.Contain(("standard", 64, "independent"))
            .And.Contain(("small", 32, "shared"));
    }

    private static CompareOptions Options(string side, string stem, int imageSize) => CompareOptions.Parse(
        ["--side", side, "--tasks", "4", "--classes", "10", "--stem", stem, "--image-size", imageSize.ToString(CultureInfo.InvariantCulture)]);

    private static List<List<string?>> Blocks(JsonElement recorded) =>
        [.. recorded.GetProperty("blocks").EnumerateArray().Select(b => b.EnumerateArray().Select(p => p.GetString()).ToList())];

    private static Dictionary<(string Stem, int ImageSize, string Layout), JsonElement> Recorded() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch_params.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(line => (line.GetProperty("stem").GetString()!, line.GetProperty("image_size").GetInt32(), line.GetProperty("layout").GetString()!));
}
