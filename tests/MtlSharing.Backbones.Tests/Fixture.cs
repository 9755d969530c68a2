using System.Text.Json;
using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>Reads what Fixtures/record_backbones.py recorded from torchvision 0.14 and PyTorch 1.13.</summary>
internal static class Fixture
{
    private static readonly Lazy<JsonElement> TorchvisionJson = new(() => Parse("torchvision.json"));
    private static readonly Lazy<JsonElement> VariantsJson = new(() => Parse("variants.json"));

    /// <summary>The reduced-width variants, one per family and stem.</summary>
    public static TheoryData<string> VariantNames => [.. VariantsJson.Value.EnumerateObject().Select(p => p.Name)];

    /// <summary>torchvision's state_dict keys and shapes, and its parameter count, for a model with 1000 classes.</summary>
    public static (long Parameters, List<(string Key, long[] Shape)> State) Torchvision(string model)
    {
        var entry = TorchvisionJson.Value.GetProperty("models").GetProperty(model);
        var state = entry.GetProperty("state").EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()))
            .ToList();
        return (entry.GetProperty("parameters").GetInt64(), state);
    }

    /// <summary>The per-block costs PyTorch counted with forward hooks, by case name (e.g. "resnet18_224").</summary>
    public static List<BlockCost> Costs(string name) =>
        [.. TorchvisionJson.Value.GetProperty("costs").GetProperty(name).EnumerateArray().Select(row => new BlockCost(
            row.GetProperty("block").GetString()!,
            [.. row.GetProperty("paths").EnumerateArray().Select(p => p.GetString()!)],
            [.. row.GetProperty("output").EnumerateArray().Select(d => d.GetInt64())],
            row.GetProperty("parameters").GetInt64(),
            row.GetProperty("macs").GetInt64()))];

    /// <summary>A variant's entry: options, weights and io file names, initial-state summary.</summary>
    public static JsonElement Variant(string name) => VariantsJson.Value.GetProperty(name);

    /// <summary>Builds a variant from its recorded options.</summary>
    public static BackboneModule Build(string name)
    {
        var options = Variant(name).GetProperty("options");
        var family = options.GetProperty("family").GetString()!;
        var stem = options.TryGetProperty("stem", out var s) && s.GetString() == "small" ? Stem.SmallImage : Stem.ImageNet;
        var classes = options.GetProperty("classes").ValueKind == JsonValueKind.Null ? (int?)null : options.GetProperty("classes").GetInt32();
        return family switch
        {
            "resnet18" or "resnet34" or "resnet50" => Backbone.ResNet(int.Parse(family[6..], System.Globalization.CultureInfo.InvariantCulture), new ResNetOptions { Stem = stem, Width = options.GetProperty("width").GetInt32(), Classes = classes }),
            "mobilenet_v2" => Backbone.MobileNetV2(new MobileNetV2Options { Stem = stem, WidthMultiplier = options.GetProperty("width_multiplier").GetDouble(), Classes = classes }),
            "small_cnn" => Backbone.SmallCnn(new SmallCnnOptions { InputChannels = options.GetProperty("input_channels").GetInt32(), Channels = Ints(options.GetProperty("channels")), Classes = classes }),
            "mlp" => Backbone.Mlp(new MlpOptions { InputFeatures = options.GetProperty("input_features").GetInt32(), Hidden = Ints(options.GetProperty("hidden")), Classes = classes }),
            _ => throw new ArgumentException($"unknown family {family}", nameof(name)),
        };
    }

    /// <summary>The full path of a fixture file.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static JsonElement Parse(string file) => JsonDocument.Parse(File.ReadAllText(PathOf(file))).RootElement;
}
