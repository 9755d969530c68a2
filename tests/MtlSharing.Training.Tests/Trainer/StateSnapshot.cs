using TorchSharp;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>Exact copies of named tensors as doubles (float32 and int64 values convert exactly), to compare bit for bit.</summary>
internal static class StateSnapshot
{
    public static Dictionary<string, double[]> Of(torch.nn.Module module)
    {
        using var scope = NewDisposeScope();
        return Of(module.state_dict());
    }

    public static Dictionary<string, double[]> Of(IReadOnlyDictionary<string, torch.Tensor> state, string prefix = "")
    {
        using var scope = NewDisposeScope();
        return state.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[prefix.Length..], e => e.Value.to(float64).data<double>().ToArray());
    }

    public static Dictionary<string, double[]> OfFile(string path, string prefix)
    {
        using var scope = NewDisposeScope();
        return Of(TorchFiles.Load(path), prefix);
    }

    public static void ShouldEqualExactly(this Dictionary<string, double[]> actual, Dictionary<string, double[]> expected)
    {
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (key, values) in expected)
        {
            actual[key].Should().Equal(values, $"entry {key} should be identical");
        }
    }

    public static bool AllFinite(this Dictionary<string, double[]> state) => state.Values.All(v => v.All(double.IsFinite));
}
