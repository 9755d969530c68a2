using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>
/// Which operators autocast lowers, how far their results move from float32, and that training
/// still works: gradients reach the float32 parameters.
/// </summary>
public sealed class AutocastOperatorTests
{
    // bfloat16 keeps 8 significant bits: rounding each input costs at most 2^-9 relative, and the
    // result is rounded once more. 2^-7 of the sum of absolute products bounds the error of a dot product.
    private const double DotProductBound = 1.0 / 128;

    [Fact]
    public void Matmul_linear_and_conv2d_give_bfloat16_inside_and_float32_outside()
    {
        using var scope = NewDisposeScope();
        var a = Wave.Of([3, 4]);
        var b = Wave.Of([4, 2], phase: 0.5);
        var image = Wave.Of([1, 2, 5, 5]);
        var kernel = Wave.Of([3, 2, 3, 3], phase: 1.1);
        var weight = Wave.Of([6, 4], phase: 2);

        using (Autocast.Enter())
        {
            a.matmul(b).dtype.Should().Be(ScalarType.BFloat16);
            a.mm(b).dtype.Should().Be(ScalarType.BFloat16);
            F.linear(a, weight).dtype.Should().Be(ScalarType.BFloat16);
            F.conv2d(image, kernel).dtype.Should().Be(ScalarType.BFloat16);
        }

        a.matmul(b).dtype.Should().Be(ScalarType.Float32);
        F.linear(a, weight).dtype.Should().Be(ScalarType.Float32);
        F.conv2d(image, kernel).dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void Layers_run_in_bfloat16_but_keep_float32_parameters()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(2, 3, 3, padding: 1);
        using var linear = nn.Linear(4, 5);

        using (Autocast.Enter())
        {
            conv.call(Wave.Of([1, 2, 4, 4])).dtype.Should().Be(ScalarType.BFloat16);
            linear.call(Wave.Of([2, 4])).dtype.Should().Be(ScalarType.BFloat16);
        }

        conv.weight!.dtype.Should().Be(ScalarType.Float32);
        linear.weight!.dtype.Should().Be(ScalarType.Float32);
        conv.call(Wave.Of([1, 2, 4, 4])).dtype.Should().Be(ScalarType.Float32);
        linear.call(Wave.Of([2, 4])).dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void A_float16_scope_runs_layers_in_float16()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(2, 3, 3, padding: 1);
        using var linear = nn.Linear(4, 5);

        using (Autocast.Enter(ScalarType.Float16))
        {
            conv.call(Wave.Of([1, 2, 4, 4])).dtype.Should().Be(ScalarType.Float16);
            linear.call(Wave.Of([2, 4])).dtype.Should().Be(ScalarType.Float16);
        }

        linear.call(Wave.Of([2, 4])).dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void Float64_and_integer_operands_are_left_alone()
    {
        using var scope = NewDisposeScope();
        using (Autocast.Enter())
        {
            var a = Wave.Of([3, 4]).to(float64);
            a.matmul(Wave.Of([4, 2]).to(float64)).dtype.Should().Be(ScalarType.Float64);
            arange(6L).reshape(2, 3).matmul(arange(6L).reshape(3, 2)).dtype.Should().Be(ScalarType.Int64);
        }
    }

    [Fact]
    public void Cross_entropy_runs_in_float32_under_autocast()
    {
        using var scope = NewDisposeScope();
        var features = Wave.Of([4, 6]);
        var weight = Wave.Of([5, 6], phase: 0.7);
        var labels = tensor(new long[] { 0, 4, 2, 1 });

        Tensor logits;
        Tensor loss;
        using (Autocast.Enter())
        {
            logits = F.linear(features, weight);
            loss = F.cross_entropy(logits, labels);
        }

        logits.dtype.Should().Be(ScalarType.BFloat16);
        loss.dtype.Should().Be(ScalarType.Float32);
        var exact = F.cross_entropy(logits.to(float32), labels).Scalar();
        loss.Scalar().Should().BeApproximately(exact, 1e-6, "the bfloat16 logits are widened before the loss, not the loss narrowed");
    }

    [Fact]
    public void Matmul_stays_within_the_bfloat16_error_bound_of_float32()
    {
        using var scope = NewDisposeScope();
        var a = Wave.Of([8, 40]);
        var b = Wave.Of([40, 6], frequency: 0.91, phase: 0.3);

        Tensor lowered;
        using (Autocast.Enter())
        {
            lowered = a.matmul(b);
        }

        ShouldBeWithin(lowered, a.matmul(b), a.abs().matmul(b.abs()) * DotProductBound);
    }

    [Fact]
    public void Conv2d_with_bias_stays_within_the_bfloat16_error_bound_of_float32()
    {
        using var scope = NewDisposeScope();
        var image = Wave.Of([2, 3, 7, 7]);
        var kernel = Wave.Of([4, 3, 3, 3], frequency: 0.53, phase: 1.3);
        var bias = Wave.Of([4], phase: 2.2);
        long[] padding = [1, 1];

        Tensor lowered;
        using (Autocast.Enter())
        {
            lowered = F.conv2d(image, kernel, bias, padding: padding);
        }

        var bound = F.conv2d(image.abs(), kernel.abs(), bias.abs(), padding: padding) * DotProductBound;
        ShouldBeWithin(lowered, F.conv2d(image, kernel, bias, padding: padding), bound);
    }

    [Fact]
    public void Gradients_of_a_loss_computed_under_autocast_reach_the_float32_parameters()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(6, 3);
        using (no_grad())
        {
            linear.weight!.copy_(Wave.Of([3, 6], phase: 0.4) * 0.5);
            linear.bias!.copy_(Wave.Of([3], phase: 1.7) * 0.1);
        }

        var inputs = Wave.Of([5, 6]);
        var labels = tensor(new long[] { 0, 2, 1, 1, 0 });
        Tensor loss;
        using (Autocast.Enter())
        {
            loss = F.cross_entropy(linear.call(inputs), labels);
        }

        loss.backward();
        var lowered = linear.weight.grad!.clone();
        lowered.dtype.Should().Be(ScalarType.Float32);
        linear.bias.grad!.dtype.Should().Be(ScalarType.Float32);
        linear.zero_grad();
        F.cross_entropy(linear.call(inputs), labels).backward();
        var exact = linear.weight.grad!;

        var scale = exact.abs().max().Scalar();
        lowered.Values().Zip(exact.Values()).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= 0.02 * scale);
    }

    [Fact]
    public void Under_no_grad_autocast_still_lowers_and_records_no_graph()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(4, 2);

        using (no_grad())
        using (Autocast.Enter())
        {
            var output = linear.call(Wave.Of([3, 4]));
            output.dtype.Should().Be(ScalarType.BFloat16);
            output.requires_grad.Should().BeFalse();
        }

        using (Autocast.Enter())
        {
            linear.call(Wave.Of([3, 4])).requires_grad.Should().BeTrue();
        }
    }

    private static void ShouldBeWithin(Tensor actual, Tensor expected, Tensor bound)
    {
        actual.dtype.Should().Be(ScalarType.BFloat16);
        var a = actual.Values();
        var e = expected.Values();
        var b = bound.Values();
        for (var i = 0; i < e.Length; i++)
        {
            Math.Abs(a[i] - e[i]).Should().BeLessThanOrEqualTo(b[i], "element {0} is {1} under autocast and {2} in float32", i, a[i], e[i]);
        }
    }
}
