using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class NormalizationTests
{
    private const double Eps = 1e-5;

    // Channel 0 holds 1, 2, 6 (mean 3, biased variance 14/3, unbiased 7);
    // channel 1 holds 10, 20, 30 (mean 20, biased variance 200/3, unbiased 100).
    private static Tensor Batch() => from_array(new double[,] { { 1, 10 }, { 2, 20 }, { 6, 30 } });

    [Fact]
    public void Batch_norm_in_training_normalises_with_batch_statistics()
    {
        using var scope = NewDisposeScope();
        var runningMean = zeros([2], float64);
        var runningVar = ones([2], float64);
        var weight = tensor(new double[] { 2, 0.5 });
        var bias = tensor(new double[] { 1, -1 });

        var output = F.batch_norm(Batch(), runningMean, runningVar, weight, bias, training: true, momentum: 0.1, eps: Eps);

        double Normalise(double x, double mean, double biasedVar, double w, double b) => ((x - mean) / Math.Sqrt(biasedVar + Eps) * w) + b;
        output.ShouldBeCloseWithin(1e-10,
            Normalise(1, 3, 14.0 / 3, 2, 1), Normalise(10, 20, 200.0 / 3, 0.5, -1),
            Normalise(2, 3, 14.0 / 3, 2, 1), Normalise(20, 20, 200.0 / 3, 0.5, -1),
            Normalise(6, 3, 14.0 / 3, 2, 1), Normalise(30, 20, 200.0 / 3, 0.5, -1));
    }

    [Fact]
    public void Batch_norm_in_training_updates_running_statistics_with_momentum_and_unbiased_variance()
    {
        using var scope = NewDisposeScope();
        var runningMean = tensor(new double[] { 1, -2 });
        var runningVar = tensor(new double[] { 2, 3 });

        F.batch_norm(Batch(), runningMean, runningVar, training: true, momentum: 0.25).Dispose();

        // running = (1 − momentum) · running + momentum · batch statistic
        runningMean.ShouldBeCloseWithin(1e-12, (0.75 * 1) + (0.25 * 3), (0.75 * -2) + (0.25 * 20));
        runningVar.ShouldBeCloseWithin(1e-12, (0.75 * 2) + (0.25 * 7), (0.75 * 3) + (0.25 * 100));
    }

    [Fact]
    public void Batch_norm_in_evaluation_uses_the_running_statistics_and_leaves_them_alone()
    {
        using var scope = NewDisposeScope();
        var runningMean = tensor(new double[] { 1, 10 });
        var runningVar = tensor(new double[] { 4, 25 });
        var weight = tensor(new double[] { 3, 1 });
        var bias = tensor(new double[] { 0, 2 });

        var output = F.batch_norm(Batch(), runningMean, runningVar, weight, bias, training: false, eps: 0);

        output.ShouldBeCloseWithin(1e-12,
            (1 - 1) / 2.0 * 3, ((10 - 10) / 5.0) + 2,
            (2 - 1) / 2.0 * 3, ((20 - 10) / 5.0) + 2,
            (6 - 1) / 2.0 * 3, ((30 - 10) / 5.0) + 2);
        runningMean.ShouldBeClose(1, 10);
        runningVar.ShouldBeClose(4, 25);
    }

    [Fact]
    public void Batch_norm_normalises_every_position_of_a_channel_in_four_dimensions()
    {
        using var scope = NewDisposeScope();

        // One channel, values 0..7 over batch and space: mean 3.5, biased variance 5.25.
        var x = arange(8, dtype: float64).reshape(2, 1, 2, 2);
        var output = F.batch_norm(x, null, null, training: true, eps: 0);
        output.ShouldBeCloseWithin(1e-12, Enumerable.Range(0, 8).Select(v => (v - 3.5) / Math.Sqrt(5.25)).ToArray());
    }

    [Fact]
    public void Layer_norm_normalises_each_row_over_the_trailing_shape()
    {
        using var scope = NewDisposeScope();
        var x = from_array(new double[,] { { 1, 2, 3 }, { 2, 4, 12 } });

        // Row 1: mean 2, biased variance 2/3. Row 2: mean 6, biased variance (16 + 4 + 36)/3.
        var s1 = Math.Sqrt((2.0 / 3) + Eps);
        var s2 = Math.Sqrt((56.0 / 3) + Eps);
        F.layer_norm(x, [3]).ShouldBeCloseWithin(1e-10, -1 / s1, 0, 1 / s1, -4 / s2, -2 / s2, 6 / s2);

        var weight = tensor(new double[] { 1, 2, 3 });
        var bias = tensor(new double[] { 0, 1, 0 });
        F.layer_norm(x, [3], weight, bias).ShouldBeCloseWithin(1e-10, -1 / s1, 1, 3 / s1, -4 / s2, (-4 / s2) + 1, 18 / s2);

        // Normalising over both dimensions uses all six values: mean 4, biased variance (9 + 4 + 1 + 4 + 0 + 64)/6.
        var all = Math.Sqrt((82.0 / 6) + Eps);
        F.layer_norm(x, [2, 3]).ShouldBeCloseWithin(1e-10, -3 / all, -2 / all, -1 / all, -2 / all, 0, 8 / all);
    }

    [Fact]
    public void Normalize_divides_each_vector_by_its_norm_but_never_by_less_than_eps()
    {
        using var scope = NewDisposeScope();
        var x = from_array(new double[,] { { 3, 4 }, { 0, 0 }, { 1, -1 } });
        F.normalize(x).ShouldBeCloseWithin(1e-12, 0.6, 0.8, 0, 0, 1 / Math.Sqrt(2), -1 / Math.Sqrt(2));
        F.normalize(x, p: 1).ShouldBeCloseWithin(1e-12, 3.0 / 7, 4.0 / 7, 0, 0, 0.5, -0.5);
        F.normalize(x, dim: 0).ShouldBeCloseWithin(1e-12, 3 / Math.Sqrt(10), 4 / Math.Sqrt(17), 0, 0, 1 / Math.Sqrt(10), -1 / Math.Sqrt(17));
        F.normalize(tensor(new double[] { 1e-14, 0 }), dim: 0, eps: 1e-12).ShouldBeCloseWithin(1e-12, 0.01, 0);
    }
}
