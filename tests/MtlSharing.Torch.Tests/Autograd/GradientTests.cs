using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Autograd;

public sealed class GradientTests
{
    [Fact]
    public void Square_has_gradient_two_x()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, -2, 3.5 }, requires_grad: true);
        (x * x).sum().backward();
        x.grad!.ShouldBeClose(2, -4, 7);
    }

    [Fact]
    public void Sum_of_a_product_has_the_other_factor_as_gradient()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        var y = tensor(new double[] { -1, 0.5, 4 }, requires_grad: true);
        (x * y).sum().backward();
        x.grad!.ShouldBeClose(-1, 0.5, 4);
        y.grad!.ShouldBeClose(1, 2, 3);
    }

    [Fact]
    public void Sigmoid_derivative_is_s_times_one_minus_s()
    {
        using var scope = NewDisposeScope();
        double[] xs = [-2, 0, 0.5, 3];
        var x = tensor(xs, requires_grad: true);
        x.sigmoid().sum().backward();
        x.grad!.ShouldBeCloseWithin(1e-12, xs.Select(v => 1 / (1 + Math.Exp(-v))).Select(s => s * (1 - s)).ToArray());
    }

    [Fact]
    public void Matmul_gradients_by_hand()
    {
        using var scope = NewDisposeScope();
        var a = from_array(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }).requires_grad_();
        var b = from_array(new double[,] { { 1, -1 }, { 2, 0 }, { 0.5, 3 } }).requires_grad_();
        a.matmul(b).sum().backward();

        // d/dA Σ(AB) = 1 Bᵀ: every row holds the row sums of B (0, 2, 3.5).
        a.grad!.ShouldBeClose(0, 2, 3.5, 0, 2, 3.5);

        // d/dB Σ(AB) = Aᵀ 1: every column holds the column sums of A (5, 7, 9).
        b.grad!.ShouldBeClose(5, 5, 7, 7, 9, 9);
    }

    [Fact]
    public void Vector_output_needs_and_uses_an_explicit_gradient()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        (x * 2).backward(tensor(new double[] { 1, 10, 100 }));
        x.grad!.ShouldBeClose(2, 20, 200);
    }

    [Fact]
    public void Cross_entropy_gradient_is_softmax_minus_one_hot_over_n()
    {
        using var scope = NewDisposeScope();
        var logits = from_array(new double[,] { { 1, 2, 3 }, { 0, 0, 0 } }).requires_grad_();
        F.cross_entropy(logits, tensor(new long[] { 0, 2 })).backward();
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        logits.grad!.ShouldBeCloseWithin(1e-12,
            ((Math.Exp(1) / z) - 1) / 2, Math.Exp(2) / z / 2, Math.Exp(3) / z / 2,
            1.0 / 3 / 2, 1.0 / 3 / 2, ((1.0 / 3) - 1) / 2);
    }

    [Fact]
    public void Conv2d_gradients_match_finite_differences()
    {
        using var scope = NewDisposeScope();
        var x = randn([1, 4, 5, 5], float64, requires_grad: true);
        var w = randn([4, 2, 3, 3], float64, requires_grad: true);
        var b = randn([4], float64, requires_grad: true);
        var probe = randn([1, 4, 3, 2], float64);

        double Loss()
        {
            using var inner = NewDisposeScope();
            return (F.conv2d(x, w, b, stride: [2, 2], padding: [1, 0], dilation: [1, 2], groups: 2) * probe).sum().item<double>();
        }

        (F.conv2d(x, w, b, stride: [2, 2], padding: [1, 0], dilation: [1, 2], groups: 2) * probe).sum().backward();

        x.grad!.ShouldBeCloseWithin(1e-6, FiniteDifference.Gradient(Loss, x));
        w.grad!.ShouldBeCloseWithin(1e-6, FiniteDifference.Gradient(Loss, w));
        b.grad!.ShouldBeCloseWithin(1e-6, FiniteDifference.Gradient(Loss, b));
    }

    [Fact]
    public void Gradients_through_linear_layer_norm_and_gelu_match_finite_differences()
    {
        using var scope = NewDisposeScope();
        var x = randn([3, 4], float64, requires_grad: true);
        var w = randn([5, 4], float64, requires_grad: true);
        var gamma = randn([5], float64, requires_grad: true);

        Tensor Forward() => F.gelu(F.layer_norm(F.linear(x, w), [5], gamma)).pow(2).mean();

        double Loss()
        {
            using var inner = NewDisposeScope();
            return Forward().item<double>();
        }

        Forward().backward();
        x.grad!.ShouldBeCloseWithin(1e-6, FiniteDifference.Gradient(Loss, x));
        w.grad!.ShouldBeCloseWithin(1e-6, FiniteDifference.Gradient(Loss, w));
        gamma.grad!.ShouldBeCloseWithin(1e-6, FiniteDifference.Gradient(Loss, gamma));
    }

    [Fact]
    public void Gradients_accumulate_until_cleared()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        (x * 3).sum().backward();
        (x * x).sum().backward();
        x.grad!.ShouldBeClose(3 + 2, 3 + 4);

        x.grad = null;
        x.grad.Should().BeNull();
        x.sum().backward();
        x.grad!.ShouldBeClose(1, 1);

        x.grad = zeros([2], float64);
        x.sum().backward();
        x.grad!.ShouldBeClose(1, 1);
    }

    [Fact]
    public void Retain_graph_allows_a_second_backward_pass()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 2 }, requires_grad: true);
        var y = (x * x * x).sum();
        y.backward(retain_graph: true);
        y.backward();

        // 3x² twice.
        x.grad!.ShouldBeClose(24);
    }
}
