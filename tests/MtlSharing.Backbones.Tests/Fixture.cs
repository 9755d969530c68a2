using System.Collections;
using System.Globalization;
using System.Text.Json;
using MtlSharing.Backbones;
using TorchSharp.PyBridge;

namespace MtlSharing.Backbones.Tests;

/// <summary>Reads what Fixtures/record_backbones.py recorded from torchvision 0.14 and PyTorch 1.13.</summary>
internal static class Fixture
{
    private static readonly Lazy<JsonElement> TorchvisionJson = new(() => Parse("torchvision.json"));
    private static readonly Lazy<JsonElement> VariantsJson = new(() => Parse("variants.json"));
    private static readonly Lazy<JsonElement> LargeVariantsJson = new(() => Parse("large_variants.json"));

    /// <summary>The variants every variant theory runs: one per family and stem, reduced in width where the family allows.</summary>
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

    /// <summary>A variant's entry: options, weights (a file name, or null for <see cref="Perturb"/>), io file name, initial-state summary.</summary>
    public static JsonElement Variant(string name) =>
        VariantsJson.Value.TryGetProperty(name, out var entry) ? entry : LargeVariantsJson.Value.GetProperty(name);

    /// <summary>Builds a variant from its recorded options.</summary>
    public static nn.Module<Tensor, Tensor> Build(string name)
    {
        var options = Variant(name).GetProperty("options");
        var family = options.GetProperty("family").GetString()!;
        var stem = options.TryGetProperty("stem", out var s) && s.GetString() == "small" ? Stem.SmallImage : Stem.ImageNet;
        var classes = options.GetProperty("classes").ValueKind == JsonValueKind.Null ? (int?)null : options.GetProperty("classes").GetInt32();
        return family switch
        {
            "resnet18" or "resnet34" or "resnet50" => Backbone.ResNet(int.Parse(family[6..], CultureInfo.InvariantCulture), new ResNetOptions { Stem = stem, Width = options.GetProperty("width").GetInt32(), Classes = classes }),
            "mobilenet_v2" => Backbone.MobileNetV2(new MobileNetV2Options { Stem = stem, WidthMultiplier = options.GetProperty("width_multiplier").GetDouble(), Classes = classes }),
            "mobilenet_v3_small" => Backbone.MobileNetV3Small(new MobileNetV3Options { Stem = stem, Classes = classes }),
            "mobilenet_v3_large" => Backbone.MobileNetV3Large(new MobileNetV3Options { Stem = stem, Classes = classes }),
            "vgg11_bn" => Backbone.Vgg11Bn(new VggOptions { Classes = classes }),
            "small_cnn" => Backbone.SmallCnn(new SmallCnnOptions { InputChannels = options.GetProperty("input_channels").GetInt32(), Channels = Ints(options.GetProperty("channels")), Classes = classes }),
            "mlp" => Backbone.Mlp(new MlpOptions { InputFeatures = options.GetProperty("input_features").GetInt32(), Hidden = Ints(options.GetProperty("hidden")), Classes = classes }),
            _ => throw new ArgumentException($"unknown family {family}", nameof(name)),
        };
    }

    /// <summary>
    /// Builds a variant with the weights PyTorch used for its io fixture: its weights file, or,
    /// for a variant without one, the initialisation after manual_seed(0) changed by <see cref="Perturb"/>.
    /// </summary>
    public static nn.Module<Tensor, Tensor> BuildWithWeights(string name)
    {
        var weights = Variant(name).GetProperty("weights");
        if (weights.ValueKind == JsonValueKind.Null)
        {
            manual_seed(0);
            var seeded = Build(name);
            Perturb(seeded);
            return seeded;
        }

        var model = Build(name);
        ((IBackbone)model).LoadPretrained(StateDict(weights.GetString()!));
        return model;
    }

    /// <summary>A variant's recorded input and PyTorch's evaluation-mode output for it.</summary>
    public static (Tensor Input, Tensor Output) Io(string name)
    {
        var io = StateDict(Variant(name).GetProperty("io").GetString()!);
        return (io["input"], io["output"]);
    }

    /// <summary>A file written by PyTorch's torch.save of a dict of tensors, read with TorchSharp.PyBridge.</summary>
    public static Dictionary<string, Tensor> StateDict(string file)
    {
        var table = PyTorchUnpickler.UnpickleStateDict(PathOf(file));
        return table.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (Tensor)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The draws of record_backbones.py's perturb, repeated: after manual_seed(1), in PyTorch's
    /// module order, each BatchNorm2d gets random scales, shifts and running statistics, each
    /// squeeze-and-excitation fc1 a bias around 4, and each Linear weight is multiplied by 16.
    /// </summary>
    public static void Perturb(nn.Module model)
    {
        manual_seed(1);
        using var noGrad = no_grad();
        foreach (var (_, module) in model.NamedModulesDepthFirst())
        {
            switch (module)
            {
                case TorchSharp.Modules.BatchNorm2d norm:
                    norm.weight!.copy_(1 + 0.2 * randn_like(norm.weight));
                    norm.bias!.copy_(0.1 * randn_like(norm.bias!));
                    norm.running_mean!.copy_(0.1 * randn_like(norm.running_mean!));
                    norm.running_var!.copy_(0.5 + rand_like(norm.running_var!));
                    break;
                case TorchSharp.torchvision.SqueezeExcitation squeeze:
                    var fc1 = (TorchSharp.Modules.Conv2d)squeeze.GetSubmodule("fc1");
                    fc1.bias!.copy_(4 + 4 * randn_like(fc1.bias!));
                    break;
                case TorchSharp.Modules.Linear linear:
                    linear.weight.mul_(16);
                    break;
            }
        }
    }

    /// <summary>The full path of a fixture file.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static JsonElement Parse(string file) => JsonDocument.Parse(File.ReadAllText(PathOf(file))).RootElement;
}
