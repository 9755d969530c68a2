using System.Text.Json;
using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

/// <summary>
/// Compares with values recorded from PyTorch 1.13 by Fixtures/record_functional.py
/// (the inputs are in the fixture too).
/// </summary>
public sealed class PyTorchFixtureTests
{
    private const double Tolerance = 1e-5;

    private static readonly Lazy<JsonElement> Fixture = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Functional", "Fixtures", "functional.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    public static TheoryData<string> ConvolutionCases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Fixture.Value.GetProperty("conv2d").EnumerateArray())
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConvolutionCases))]
    public void Conv2d_matches_pytorch(string name)
    {
        using var scope = NewDisposeScope();
        var item = Fixture.Value.GetProperty("conv2d").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var bias = item.GetProperty("bias");
        var output = F.conv2d(
            Tensor(item.GetProperty("input")),
            Tensor(item.GetProperty("weight")),
            bias.ValueKind == JsonValueKind.Null ? null : Tensor(bias),
            Longs(item.GetProperty("stride")),
            Longs(item.GetProperty("padding")),
            Longs(item.GetProperty("dilation")),
            item.GetProperty("groups").GetInt64());

        var expected = item.GetProperty("output");
        output.shape.Should().Equal(Longs(expected.GetProperty("shape")));
        output.ShouldBeCloseWithin(Tolerance, Doubles(expected.GetProperty("values")));
    }

    [Fact]
    public void Batch_norm_output_and_running_statistics_match_pytorch()
    {
        using var scope = NewDisposeScope();
        var item = Fixture.Value.GetProperty("batch_norm");
        var input = Tensor(item.GetProperty("input"));
        var runningMean = Vector(item.GetProperty("running_mean"));
        var runningVar = Vector(item.GetProperty("running_var"));
        var weight = Vector(item.GetProperty("weight"));
        var bias = Vector(item.GetProperty("bias"));
        var momentum = item.GetProperty("momentum").GetDouble();
        var eps = item.GetProperty("eps").GetDouble();

        var train = F.batch_norm(input, runningMean, runningVar, weight, bias, training: true, momentum: momentum, eps: eps);
        train.ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("train_output").GetProperty("values")));
        runningMean.ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("running_mean_after")));
        runningVar.ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("running_var_after")));

        var eval = F.batch_norm(input, runningMean, runningVar, weight, bias, training: false, momentum: momentum, eps: eps);
        eval.ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("eval_output").GetProperty("values")));
    }

    [Theory]
    [InlineData("mean", nn.Reduction.Mean)]
    [InlineData("sum", nn.Reduction.Sum)]
    [InlineData("none", nn.Reduction.None)]
    public void Cross_entropy_with_weights_smoothing_and_ignore_index_matches_pytorch(string key, nn.Reduction reduction)
    {
        using var scope = NewDisposeScope();
        var item = Fixture.Value.GetProperty("cross_entropy");
        var loss = F.cross_entropy(
            Tensor(item.GetProperty("logits")),
            tensor(item.GetProperty("target").EnumerateArray().Select(e => e.GetInt64()).ToArray()),
            Vector(item.GetProperty("weight")),
            item.GetProperty("ignore_index").GetInt64(),
            reduction,
            item.GetProperty("label_smoothing").GetDouble());
        loss.ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("losses").GetProperty(key)));
    }

    [Fact]
    public void Gelu_matches_pytorch_exactly_and_with_tanh()
    {
        using var scope = NewDisposeScope();
        var item = Fixture.Value.GetProperty("gelu");
        var input = Vector(item.GetProperty("input"));
        F.gelu(input).ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("exact")));
        F.gelu(input, "tanh").ShouldBeCloseWithin(Tolerance, Doubles(item.GetProperty("tanh")));
    }

    private static Tensor Tensor(JsonElement recorded) =>
        tensor(Doubles(recorded.GetProperty("values")).Select(v => (float)v).ToArray(), Longs(recorded.GetProperty("shape")));

    private static Tensor Vector(JsonElement values) => tensor(Doubles(values).Select(v => (float)v).ToArray());

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
