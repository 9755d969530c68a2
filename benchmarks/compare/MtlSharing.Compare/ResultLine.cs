using System.Text.Json;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Compare;

/// <summary>One JSON line of results, with the same keys as pytorch_side.py prints.</summary>
internal sealed class ResultLine
{
    private readonly Dictionary<string, object> fields = new(StringComparer.Ordinal);

    public ResultLine(CompareOptions options, string layout, BenchMode mode)
    {
        fields["framework"] = "mtlsharing";
        fields["layout"] = layout;
        fields["mode"] = mode.Name;
        fields["tasks"] = options.Tasks;
        fields["batch"] = options.Batch;
        fields["threads"] = get_num_threads();
    }

    public ResultLine With(string key, object value)
    {
        fields[key] = value;
        return this;
    }

    public override string ToString() => JsonSerializer.Serialize(fields);
}
