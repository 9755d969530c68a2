using System.Text.Json;

namespace MtlSharing.Torch.Tests.NN;

/// <summary>
/// Seeded initialisation and a forward pass compared with PyTorch 1.13 (same generator, same
/// draws), as recorded by Fixtures/record_module_names.py.
/// </summary>
[Collection(SeededTests.Name)]
public sealed class PyTorchParityTests
{
    [Fact]
    public void Seeded_linear_then_conv_weights_equal_pytorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var linear = nn.Linear(4, 3);
        using var conv = nn.Conv2d(2, 3, 2);
        var linearExpected = Fixture.Get("seeded_linear");
        var convExpected = Fixture.Get("seeded_conv_after_linear");
        linear.weight.ToArray<float>().Should().Equal(Floats(linearExpected, "weight"));
        linear.bias!.ToArray<float>().Should().Equal(Floats(linearExpected, "bias"));
        conv.weight.ToArray<float>().Should().Equal(Floats(convExpected, "weight"));
        conv.bias!.ToArray<float>().Should().Equal(Floats(convExpected, "bias"));
    }

    [Fact]
    public void Seeded_nested_model_state_equals_pytorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var model = new NestedNet();
        var expected = Fixture.Get("initial_state");
        foreach (var (key, tensor) in model.state_dict())
        {
            var summary = expected.GetProperty(key);
            var values = tensor.to(ScalarType.Float64).ToArray<double>();
            tensor.shape.Should().Equal(summary.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), key);
            values.Sum().Should().BeApproximately(summary.GetProperty("sum").GetDouble(), 1e-4, key);
            values.Sum(v => v * v).Should().BeApproximately(summary.GetProperty("sum_of_squares").GetDouble(), 1e-4, key);
            values.Take(4).Should().Equal(Fixture.Numbers(summary.GetProperty("first")), (a, b) => Math.Abs(a - b) < 1e-7, key);
        }
    }

    [Fact]
    public void Eval_output_after_one_training_forward_equals_pytorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var model = new NestedNet();
        var x = linspace(-1, 1, 2 * 3 * 8 * 8).reshape(2, 3, 8, 8);
        model.train();
        model.call(x);
        model.eval();
        using (no_grad())
        {
            var output = model.call(x).ToArray<float>().Select(v => (double)v);
            output.Should().Equal(Fixture.Numbers(Fixture.Get("eval_output")), (a, b) => Math.Abs(a - b) < 1e-4);
        }

        var runningVar = ((Modules.BatchNorm)model.get_submodule("layer1.1.bn2")).running_var!;
        runningVar.ToArray<float>().Select(v => (double)v)
            .Should().Equal(Fixture.Numbers(Fixture.Get("running_var_after_step")), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    private static float[] Floats(JsonElement parent, string name) =>
        Fixture.Numbers(parent.GetProperty(name)).Select(v => (float)v).ToArray();
}
