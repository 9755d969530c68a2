using System.Text.Json;

namespace MtlSharing.Torch.Tests.NN;

/// <summary>Reads the values recorded from PyTorch by Fixtures/record_module_names.py.</summary>
internal static class Fixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "NN", "Fixtures", "module_names.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static string[] Strings(string name) => Get(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static double[] Numbers(JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
