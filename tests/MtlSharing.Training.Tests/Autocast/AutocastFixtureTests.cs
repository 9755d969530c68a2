using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>
/// A conv → ReLU → max-pool → linear network with fixed weights, run under autocast here and in
/// PyTorch (Fixtures/record_autocast.py). Inputs and weights are bfloat16-exact, so both sides
/// round the same values.
/// </summary>
public sealed class AutocastFixtureTests
{
    // One bfloat16 unit in the last place (2^-7 relative at most, just above a power of two). The
    // fixture comes from PyTorch 1.13; libtorch 2.10 rounds a product accumulated in float32 once to
    // the nearest bfloat16, where 1.13 sometimes lands on its neighbour (3 of the 6 matmul elements,
    // and some gradients). The logits and the loss agree exactly.
    private const double SameAsPyTorch = 1.0 / 128;

    // Autocast against plain float32: bfloat16 rounding of every intermediate result.
    private const double NearFloat32 = 0.03;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Autocast", "Fixtures", "autocast.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    [Fact]
    public void Logits_and_loss_match_pytorch_under_autocast()
    {
        using var scope = NewDisposeScope();
        var (parameters, input, targets) = Load();
        var autocastRecord = Recorded("autocast");

        Tensor hidden, logits, loss;
        using (Autocast.Enter())
        {
            (hidden, logits) = Network(input, parameters);
            loss = F.cross_entropy(logits, targets);
        }

        DtypeName(hidden).Should().Be(autocastRecord.GetProperty("hidden_dtype").GetString());
        DtypeName(logits).Should().Be(autocastRecord.GetProperty("logits_dtype").GetString());
        DtypeName(loss).Should().Be(autocastRecord.GetProperty("loss_dtype").GetString());
        logits.ShouldBeCloseWithin(SameAsPyTorch, Values(autocastRecord.GetProperty("logits")));
        loss.Scalar().Should().BeApproximately(autocastRecord.GetProperty("loss").GetDouble(), 1e-5);
    }

    [Fact]
    public void Autocast_logits_and_loss_are_near_float32()
    {
        using var scope = NewDisposeScope();
        var (parameters, input, targets) = Load();
        var exact = Recorded("float32");

        Tensor logits, loss;
        using (Autocast.Enter())
        {
            logits = Network(input, parameters).Logits;
            loss = F.cross_entropy(logits, targets);
        }

        logits.ShouldBeCloseWithin(NearFloat32, Values(exact.GetProperty("logits")));
        loss.Scalar().Should().BeApproximately(exact.GetProperty("loss").GetDouble(), NearFloat32);
    }

    [Fact]
    public void Without_autocast_the_network_matches_pytorch_in_float32()
    {
        using var scope = NewDisposeScope();
        var (parameters, input, targets) = Load();
        var exact = Recorded("float32");

        var logits = Network(input, parameters).Logits;

        logits.dtype.Should().Be(ScalarType.Float32);
        logits.ShouldBeCloseWithin(1e-5, Values(exact.GetProperty("logits")));
        F.cross_entropy(logits, targets).Scalar().Should().BeApproximately(exact.GetProperty("loss").GetDouble(), 1e-5);
    }

    [Fact]
    public void Gradients_match_pytorch_and_stay_float32()
    {
        using var scope = NewDisposeScope();
        var (parameters, input, targets) = Load();
        var autocastRecord = Recorded("autocast");

        Tensor loss;
        using (Autocast.Enter())
        {
            loss = F.cross_entropy(Network(input, parameters).Logits, targets);
        }

        loss.backward();
        foreach (var (name, parameter) in parameters)
        {
            var gradient = parameter.grad!;
            DtypeName(gradient).Should().Be(autocastRecord.GetProperty("grad_dtypes").GetProperty(name).GetString(), name);
            var expected = Values(autocastRecord.GetProperty("grads").GetProperty(name));
            var scale = expected.Max(Math.Abs);
            gradient.Values().Zip(expected).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= SameAsPyTorch * Math.Max(1, scale), name);
        }
    }

    [Fact]
    public void Matmul_matches_pytorch_under_autocast()
    {
        using var scope = NewDisposeScope();
        var matmul = Recorded("matmul");
        var a = Load(matmul.GetProperty("a"));
        var b = Load(matmul.GetProperty("b"));

        Tensor product;
        using (Autocast.Enter())
        {
            product = a.matmul(b);
        }

        DtypeName(product).Should().Be(matmul.GetProperty("dtype").GetString());
        product.ShouldBeCloseWithin(SameAsPyTorch, Values(matmul.GetProperty("product")));
    }

    [Fact]
    public void Matmul_under_autocast_is_the_exact_product_rounded_once_to_bfloat16()
    {
        using var scope = NewDisposeScope();
        var matmul = Recorded("matmul");
        var a = Load(matmul.GetProperty("a"));
        var b = Load(matmul.GetProperty("b"));

        // The inputs are bfloat16-exact, so their float64 product is exact.
        var exact = a.to(float64).matmul(b.to(float64));
        Tensor product;
        using (Autocast.Enter())
        {
            product = a.matmul(b);
        }

        product.dtype.Should().Be(ScalarType.BFloat16);
        product.Values().Should().Equal(exact.to(bfloat16).Values());
    }

    private static JsonElement Recorded(string name) => Fixture.Value.GetProperty(name);

    private static (Tensor Hidden, Tensor Logits) Network(Tensor input, IReadOnlyDictionary<string, Tensor> p)
    {
        var hidden = F.relu(F.conv2d(input, p["conv_weight"], p["conv_bias"], padding: [1, 1]));
        hidden = F.max_pool2d(hidden, [2, 2]);
        return (hidden, F.linear(hidden.flatten(1), p["linear_weight"], p["linear_bias"]));
    }

    private static (Dictionary<string, Tensor> Parameters, Tensor Input, Tensor Targets) Load()
    {
        var parameters = Recorded("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => Load(p.Value).requires_grad_());
        var targets = tensor(Recorded("targets").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        return (parameters, Load(Recorded("input")), targets);
    }

    private static Tensor Load(JsonElement recorded) =>
        tensor(Values(recorded).Select(v => (float)v).ToArray(), recorded.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());

    private static double[] Values(JsonElement recorded) => recorded.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static string DtypeName(Tensor t) => t.dtype switch
    {
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float32 => "float32",
        var other => other.ToString(),
    };
}
