using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>Shared helpers: task names, head factories and snapshots of module state.</summary>
internal static class Fixtures
{
    public static readonly string[] Tasks = ["birds", "cars", "aircraft"];

    /// <summary>A linear head with 3 + (index of the task) classes, so heads differ in size.</summary>
    public static nn.Module<Tensor, Tensor> Head(string task) => nn.Linear(TinyNet.FeatureCount, 3 + Array.IndexOf(Tasks, task));

    public static long HeadParameters(string task) => (TinyNet.FeatureCount + 1) * (3 + Array.IndexOf(Tasks, task));

    public static SharingPlan Plan() => SharingPlan.For(Tasks, Head);

    /// <summary>Copies of every state_dict entry, to compare a module before and after.</summary>
    public static Dictionary<string, float[]> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(e => e.Key, e =>
        {
            // TorchSharp's state_dict holds the live parameters and buffers: read, never dispose them.
            using var asFloat = e.Value.detach().to(float32);
            return asFloat.data<float>().ToArray();
        });

    public static void ShouldEqual(this Dictionary<string, float[]> actual, Dictionary<string, float[]> expected)
    {
        actual.Keys.Should().Equal(expected.Keys);
        foreach (var (key, values) in expected)
        {
            actual[key].Should().Equal(values, $"entry {key} should be unchanged");
        }
    }

    public static void ShouldBeClose(this Tensor actual, Tensor expected, double tolerance = 1e-5)
    {
        actual.shape.Should().Equal(expected.shape);
        var a = actual.detach().to(float32).data<float>().ToArray();
        var e = expected.detach().to(float32).data<float>().ToArray();
        for (var i = 0; i < a.Length; i++)
        {
            a[i].Should().BeApproximately(e[i], (float)tolerance, $"element {i}");
        }
    }
}
