using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// One JSON line of results, with the same keys as pytorch_side.py prints, plus the memory format
/// of the .NET side's model and inputs. Every line names the network's stem and image size, so
/// that report.py never mixes the results of two configurations.
/// </summary>
internal sealed class ResultLine
{
    private readonly Dictionary<string, object> fields = new(StringComparer.Ordinal);

    public ResultLine(CompareOptions options, string layout, BenchMode mode)
    {
        fields["framework"] = options.Side.Framework;
        fields["layout"] = layout;
        fields["mode"] = mode.Name;
        fields["tasks"] = options.Tasks;
        fields["batch"] = options.Batch;
        fields["threads"] = get_num_threads();
        fields["memory_format"] = options.Format == memory_format.channels_last ? "channels-last" : "contiguous";
        fields["stem"] = StemNames.Name(options.Stem);
        fields["image_size"] = options.ImageSize;
    }

    public ResultLine With(string key, object value)
    {
        fields[key] = value;
        return this;
    }

    public override string ToString() => JsonSerializer.Serialize(fields);
}
