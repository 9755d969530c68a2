using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class ActivationTests
{
    private static readonly double[] Inputs = [-3, -1.5, -0.25, 0, 0.25, 1, 2.5, 7];

    // Within the range where the reference erf series is accurate (|x/√2| ≤ 3).
    private static readonly double[] GeluInputs = [-4, -3, -1.5, -0.25, 0, 0.25, 1, 2.5, 4];

    [Fact]
    public void Relu_and_relu6_clip_by_hand()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Inputs);
        F.relu(x).ShouldBeClose(0, 0, 0, 0, 0.25, 1, 2.5, 7);
        F.relu6(x).ShouldBeClose(0, 0, 0, 0, 0.25, 1, 2.5, 6);
    }

    [Fact]
    public void Gelu_is_x_times_the_normal_cdf_via_erf()
    {
        using var scope = NewDisposeScope();
        F.gelu(tensor(GeluInputs)).ShouldBeCloseWithin(1e-12, GeluInputs.Select(Reference.Gelu).ToArray());
        F.gelu(tensor(GeluInputs.Select(v => (float)v).ToArray())).ShouldBeCloseWithin(1e-6, GeluInputs.Select(Reference.Gelu).ToArray());
    }

    [Fact]
    public void Gelu_tanh_approximation_matches_its_formula()
    {
        using var scope = NewDisposeScope();
        static double Approximate(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));
        F.gelu(tensor(Inputs), approximate: "tanh").ShouldBeCloseWithin(1e-12, Inputs.Select(Approximate).ToArray());
    }

    [Fact]
    public void Softmax_and_log_softmax_by_hand()
    {
        using var scope = NewDisposeScope();
        var logits = from_array(new double[,] { { 1, 2, 3 }, { 0, 0, Math.Log(2) } });
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        double[] expected = [Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z, 0.25, 0.25, 0.5];

        F.softmax(logits, 1).ShouldBeCloseWithin(1e-12, expected);
        F.log_softmax(logits, -1).ShouldBeCloseWithin(1e-12, expected.Select(v => Math.Log(v)).ToArray());

        // Along dimension 0 each column sums to one.
        F.softmax(logits, 0).sum(0).ShouldBeCloseWithin(1e-12, 1, 1, 1);
    }

    [Fact]
    public void Softmax_is_stable_for_large_logits()
    {
        using var scope = NewDisposeScope();
        F.softmax(tensor(new float[] { 1000, 1000 }), 0).ShouldBeClose(0.5, 0.5);
        F.log_softmax(tensor(new float[] { 1000, 0 }), 0).ShouldBeClose(0, -1000);
    }

    [Fact]
    public void One_hot_encodes_class_indices()
    {
        using var scope = NewDisposeScope();
        var encoded = F.one_hot(tensor(new long[] { 2, 0 }), 4);
        encoded.shape.Should().Equal(2, 4);
        encoded.ToArray<long>().Should().Equal(0L, 0L, 1L, 0L, 1L, 0L, 0L, 0L);
        F.one_hot(tensor(new long[] { 1, 2 })).shape.Should().Equal(2, 3);
    }

    [Fact]
    public void Sigmoid_family_activations_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Inputs);
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        static double Relu6(double v) => Math.Min(Math.Max(v, 0), 6);
        F.sigmoid(x).ShouldBeCloseWithin(1e-12, Inputs.Select(Sigmoid).ToArray());
        F.tanh(x).ShouldBeCloseWithin(1e-12, Inputs.Select(Math.Tanh).ToArray());
        F.silu(x).ShouldBeCloseWithin(1e-12, Inputs.Select(v => v * Sigmoid(v)).ToArray());
        F.hardsigmoid(x).ShouldBeCloseWithin(1e-12, Inputs.Select(v => Relu6(v + 3) / 6).ToArray());
        F.hardswish(x).ShouldBeCloseWithin(1e-12, Inputs.Select(v => v * Relu6(v + 3) / 6).ToArray());
    }

    [Fact]
    public void Leaky_relu_elu_and_softplus_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = tensor(Inputs);
        F.leaky_relu(x).ShouldBeCloseWithin(1e-12, Inputs.Select(v => v >= 0 ? v : 0.01 * v).ToArray());
        F.leaky_relu(x, 0.2).ShouldBeCloseWithin(1e-12, Inputs.Select(v => v >= 0 ? v : 0.2 * v).ToArray());
        F.elu(x, alpha: 1.5).ShouldBeCloseWithin(1e-12, Inputs.Select(v => v > 0 ? v : 1.5 * (Math.Exp(v) - 1)).ToArray());
        F.softplus(x).ShouldBeCloseWithin(1e-12, Inputs.Select(v => Math.Log(1 + Math.Exp(v))).ToArray());

        // With beta 2 and threshold 5, inputs with 2x > 5 pass through unchanged.
        F.softplus(x, beta: 2, threshold: 5).ShouldBeCloseWithin(1e-12, Inputs.Select(v => 2 * v > 5 ? v : Math.Log(1 + Math.Exp(2 * v)) / 2).ToArray());
    }
}
