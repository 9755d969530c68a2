using System.Text.Json;
using static MtlSharing.Torch.Tests.Serialization.TensorChecksums;

namespace MtlSharing.Torch.Tests.Serialization;

/// <summary>Checkpoints cross between PyTorch 1.13 (driven through torch_interop.py) and this binding.</summary>
public sealed class TorchInteropTests
{
    private static readonly string[] ModelKeys =
    [
        "0.weight", "0.bias",
        "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
        "4.weight", "4.bias",
    ];

    [PythonTorchFact]
    public void A_state_dict_saved_by_PyTorch_loads_with_its_keys_shapes_dtypes_and_values()
    {
        using var directory = new TempDirectory();
        var path = directory.File("from_pytorch.pt");
        var expected = Entries(PythonTorch.Run(Script, "save", path));
        using var scope = NewDisposeScope();

        var state = load(path);

        state.Keys.Should().Equal(ModelKeys, "the OrderedDict's order is kept and its _metadata is not an entry");
        expected.Keys.Should().Equal(ModelKeys);
        foreach (var (key, entry) in expected)
        {
            var tensor = state[key];
            tensor.shape.Should().Equal(entry.Shape, key);
            DtypeName(tensor.dtype).Should().Be(entry.Dtype, key);
            Sum(tensor).Should().BeApproximately(entry.Sum, 1e-5, key);
            WeightedSum(tensor).Should().BeApproximately(entry.WeightedSum, 1e-5, key);
        }

        state["1.num_batches_tracked"].item<long>().Should().Be(1, "PyTorch ran one training batch");
        state["1.running_var"].ToArray<float>().Should().NotEqual(new float[] { 1, 1, 1, 1 }, "the batch moved the statistics");
    }

    [PythonTorchFact]
    public void A_state_dict_saved_here_opens_in_PyTorch_and_loads_into_the_model()
    {
        using var directory = new TempDirectory();
        var path = directory.File("from_dotnet.pt");
        using var scope = NewDisposeScope();
        manual_seed(7);
        var state = new Dictionary<string, torch.Tensor>
        {
            ["0.weight"] = randn([4, 1, 3, 3], requires_grad: true),
            ["0.bias"] = randn([4]),
            ["1.weight"] = rand([4]),
            ["1.bias"] = randn([4]),
            ["1.running_mean"] = randn([4]),
            ["1.running_var"] = rand([4]) + 0.5,
            ["1.num_batches_tracked"] = tensor(new long[] { 42 }).reshape(),
            ["4.weight"] = randn([64, 3]).t(),
            ["4.bias"] = randn([10]).narrow(0, 3, 3),
            ["extra.float64"] = randn([2, 3], dtype: float64),
            ["extra.int64"] = arange(-3L, 3L),
            ["extra.bool"] = tensor(new[] { true, false, true }),
            ["extra.scalar"] = scalar_tensor(2.5),
        };

        save(state, path);
        var result = JsonDocument.Parse(PythonTorch.Run(Script, "load", path)).RootElement;

        result.GetProperty("model_state_equal").GetBoolean().Should().BeTrue();
        var entries = Entries(result);
        entries.Keys.Should().Equal(state.Keys);
        foreach (var (key, tensor) in state)
        {
            var entry = entries[key];
            entry.Shape.Should().Equal(tensor.shape, key);
            entry.Dtype.Should().Be(DtypeName(tensor.dtype), key);
            entry.Sum.Should().BeApproximately(Sum(tensor), 1e-5, key);
            entry.WeightedSum.Should().BeApproximately(WeightedSum(tensor), 1e-5, key);
        }

        entries["1.num_batches_tracked"].Shape.Should().BeEmpty();
        entries["1.num_batches_tracked"].Sum.Should().Be(42);
    }

    private static string Script { get; } = FindScript();

    private static Dictionary<string, Entry> Entries(string json) => Entries(JsonDocument.Parse(json).RootElement);

    private static Dictionary<string, Entry> Entries(JsonElement result) =>
        result.GetProperty("entries").EnumerateObject().ToDictionary(
            p => p.Name,
            p => new Entry(
                p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                p.Value.GetProperty("dtype").GetString()!,
                p.Value.GetProperty("sum").GetDouble(),
                p.Value.GetProperty("weighted_sum").GetDouble()));

    private static string FindScript()
    {
        const string relative = "tests/MtlSharing.Torch.Tests/Serialization/torch_interop.py";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above {AppContext.BaseDirectory}");
    }

    private sealed record Entry(long[] Shape, string Dtype, double Sum, double WeightedSum);
}
