using System.Text.Json;
using MtlSharing.Training.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>Files cross between Python's PyTorch (driven through torch_interop.py) and <see cref="TorchFiles"/>.</summary>
public sealed class TorchInteropTests
{
    private static readonly string[] ModelKeys =
    [
        "0.weight", "0.bias",
        "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
        "4.weight", "4.bias",
    ];

    private static string Script { get; } = FindScript();

    [PythonTorchFact]
    public void A_state_dict_saved_by_PyTorch_loads_in_order_with_its_shapes_dtypes_and_values()
    {
        using var directory = new TempDirectory();
        var path = directory.File("from_pytorch.pt");
        var expected = PythonEntry.ParseAll(Json(PythonTorch.Run(Script, "save-state", path)).GetProperty("entries"));
        using var scope = NewDisposeScope();

        var state = TorchFiles.Load(path);

        state.Keys.Should().Equal(expected.Keys, "the OrderedDict's order is kept and its _metadata is not an entry");
        state.Keys.Take(ModelKeys.Length).Should().Equal(ModelKeys);
        foreach (var (key, entry) in expected)
        {
            entry.ShouldDescribe(state[key], key);
        }

        state["1.num_batches_tracked"].item<long>().Should().Be(1, "PyTorch ran one training batch");
        state["extra.view"].storage_offset().Should().Be(2, "the slice keeps its place in the saved storage");
        state["extra.same_storage"].storage_offset().Should().Be(6);
    }

    [PythonTorchFact]
    public void A_state_dict_saved_here_opens_in_PyTorch_and_loads_into_the_model()
    {
        using var directory = new TempDirectory();
        var path = directory.File("from_dotnet.pt");
        using var scope = NewDisposeScope();
        manual_seed(7);
        var state = new Dictionary<string, Tensor>
        {
            ["0.weight"] = randn([4, 1, 3, 3], requires_grad: true),
            ["0.bias"] = randn([4]),
            ["1.weight"] = rand([4]),
            ["1.bias"] = randn([4]),
            ["1.running_mean"] = randn([4]),
            ["1.running_var"] = rand([4]) + 0.5,
            ["1.num_batches_tracked"] = tensor(42L),
            ["4.weight"] = randn([64, 3]).t(),
            ["4.bias"] = randn([10]).narrow(0, 3, 3),
            ["extra.float64"] = randn([2, 3], dtype: float64),
            ["extra.float16"] = tensor(new[] { 1.5f, -3f, 65504f }).to(float16),
            ["extra.bfloat16"] = tensor(new[] { 1.5f, -3f, 3.0e38f }).to(bfloat16),
            ["extra.int64"] = arange(-3L, 3L),
            ["extra.int32"] = tensor(new[] { int.MinValue, 5 }),
            ["extra.uint8"] = tensor(new byte[] { 0, 255 }),
            ["extra.bool"] = tensor(new[] { true, false, true }),
            ["extra.expanded"] = tensor(new[] { 1f, 2f }).expand(3, 2),
            ["extra.scalar"] = tensor(2.5),
        };

        TorchFiles.Save(state, path);
        var result = Json(PythonTorch.Run(Script, "load-state", path));

        result.GetProperty("type").GetString().Should().Be("dict");
        result.GetProperty("model_state_equal").GetBoolean().Should().BeTrue();
        var entries = PythonEntry.ParseAll(result.GetProperty("entries"));
        entries.Keys.Should().Equal(state.Keys);
        foreach (var (key, tensor) in state)
        {
            using var detached = tensor.detach();
            entries[key].ShouldDescribe(detached, key);
        }
    }

    [PythonTorchFact]
    public void Bare_tensors_saved_by_PyTorch_load_as_tensors()
    {
        using var directory = new TempDirectory();
        var expected = PythonEntry.ParseAll(Json(PythonTorch.Run(Script, "save-tensors", directory.Path)));
        using var scope = NewDisposeScope();

        expected.Keys.Should().Contain(["slice", "row", "transposed", "bfloat16", "parameter", "scalar", "empty"]);
        foreach (var (kind, entry) in expected)
        {
            var loaded = TorchFiles.LoadTensor(directory.File(kind + ".pt"));
            entry.ShouldDescribe(loaded, kind);
        }

        TorchFiles.LoadTensor(directory.File("slice.pt")).storage_offset().Should().Be(10, "torch.save stores the whole storage of a slice");
        TorchFiles.LoadTensor(directory.File("parameter.pt")).requires_grad.Should().BeTrue();
    }

    [PythonTorchFact]
    public void Bare_tensors_saved_here_load_in_PyTorch_as_tensors()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(3);
        var tensors = new Dictionary<string, Tensor>
        {
            ["float32"] = randn([2, 3, 4]),
            ["slice"] = arange(100f).narrow(0, 10, 3),
            ["transposed"] = randn([3, 4]).t(),
            ["bfloat16"] = tensor(new[] { 1.5f, -2f, 0.25f, 3.0e38f }, [2, 2]).to(bfloat16),
            ["float16"] = tensor(new[] { 1.5f, -3f, 65504f }).to(float16),
            ["float64"] = randn([5], dtype: float64),
            ["int64"] = arange(-3L, 3L),
            ["int32"] = tensor(new[] { int.MinValue, int.MaxValue }),
            ["uint8"] = tensor(new byte[] { 0, 7, 255 }),
            ["bool"] = tensor(new[] { true, false }),
            ["scalar"] = tensor(2.5),
            ["empty"] = zeros([0, 3]),
            ["grad"] = randn([2], requires_grad: true) * 2,
        };
        foreach (var (kind, tensor) in tensors)
        {
            TorchFiles.SaveTensor(tensor, directory.File(kind + ".pt"));
        }

        var paths = tensors.Keys.Select(kind => directory.File(kind + ".pt")).ToArray();
        var loaded = PythonEntry.ParseAll(Json(PythonTorch.Run(Script, ["load-tensors", .. paths])));

        foreach (var (kind, tensor) in tensors)
        {
            using var detached = tensor.detach();
            loaded[directory.File(kind + ".pt")].ShouldDescribe(detached, kind);
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static string FindScript()
    {
        const string relative = "tests/MtlSharing.Training.Tests/Serialization/torch_interop.py";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found in or above {AppContext.BaseDirectory}");
    }
}
