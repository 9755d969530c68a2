using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class LossTests
{
    private static readonly double[][] Logits = [[1, 2, 3], [1, 1, 1], [0.5, -1, 2], [3, 0, -2]];
    private static readonly long[] Targets = [2, 0, 1, 0];
    private static readonly double[] ClassWeights = [2, 1, 0.5];

    private static Tensor LogitTensor() => tensor(Logits.SelectMany(r => r).ToArray(), [4, 3]);

    private static Tensor TargetTensor(long[]? targets = null) => tensor(targets ?? Targets);

    /// <summary>−log p_ic for every sample i and class c.</summary>
    private static double[][] NegativeLogProbabilities() =>
        Logits.Select(row => Reference.LogSoftmax(row).Select(v => -v).ToArray()).ToArray();

    [Fact]
    public void Cross_entropy_is_the_negative_log_probability_of_the_target()
    {
        using var scope = NewDisposeScope();
        var nlp = NegativeLogProbabilities();
        var perSample = Enumerable.Range(0, 4).Select(i => nlp[i][Targets[i]]).ToArray();

        // Sample 1 has equal logits, so its loss is ln 3.
        perSample[1].Should().BeApproximately(Math.Log(3), 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor()).item<double>().Should().BeApproximately(perSample.Average(), 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor(), reduction: nn.Reduction.Sum).item<double>().Should().BeApproximately(perSample.Sum(), 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor(), reduction: nn.Reduction.None).ShouldBeCloseWithin(1e-12, perSample);
    }

    [Fact]
    public void Label_smoothing_mixes_in_the_mean_over_classes()
    {
        using var scope = NewDisposeScope();
        const double epsilon = 0.2;
        var nlp = NegativeLogProbabilities();

        // (1 − ε) · CE + ε · mean over classes of −log p, averaged over samples.
        var perSample = Enumerable.Range(0, 4).Select(i => ((1 - epsilon) * nlp[i][Targets[i]]) + (epsilon * nlp[i].Average())).ToArray();
        F.cross_entropy(LogitTensor(), TargetTensor(), label_smoothing: epsilon).item<double>().Should().BeApproximately(perSample.Average(), 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor(), reduction: nn.Reduction.None, label_smoothing: epsilon).ShouldBeCloseWithin(1e-12, perSample);
    }

    [Fact]
    public void Ignored_targets_contribute_nothing_and_do_not_count_in_the_mean()
    {
        using var scope = NewDisposeScope();
        var nlp = NegativeLogProbabilities();

        // With ignore_index 0, only samples 0 and 2 count.
        var expected = (nlp[0][2] + nlp[2][1]) / 2;
        F.cross_entropy(LogitTensor(), TargetTensor(), ignore_index: 0).item<double>().Should().BeApproximately(expected, 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor(), ignore_index: 0, reduction: nn.Reduction.None).ShouldBeCloseWithin(1e-12, nlp[0][2], 0, nlp[2][1], 0);

        // The default ignore_index is −100.
        F.cross_entropy(LogitTensor(), TargetTensor([2, -100, 1, -100])).item<double>().Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Class_weights_scale_each_sample_and_normalise_the_mean()
    {
        using var scope = NewDisposeScope();
        var nlp = NegativeLogProbabilities();
        var w = Targets.Select(t => ClassWeights[t]).ToArray();
        var weighted = Enumerable.Range(0, 4).Select(i => w[i] * nlp[i][Targets[i]]).ToArray();
        var weights = tensor(ClassWeights);

        F.cross_entropy(LogitTensor(), TargetTensor(), weights).item<double>().Should().BeApproximately(weighted.Sum() / w.Sum(), 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor(), weights, reduction: nn.Reduction.Sum).item<double>().Should().BeApproximately(weighted.Sum(), 1e-12);
        F.cross_entropy(LogitTensor(), TargetTensor(), weights, reduction: nn.Reduction.None).ShouldBeCloseWithin(1e-12, weighted);
    }

    [Fact]
    public void Weights_label_smoothing_and_ignore_index_combine_as_in_pytorch()
    {
        using var scope = NewDisposeScope();
        const double epsilon = 0.1;
        const int classes = 3;
        var nlp = NegativeLogProbabilities();
        int[] kept = [0, 2];

        // PyTorch: (1 − ε) · weighted NLL + ε/C · Σ_i Σ_c w_c (−log p_ic), both over Σ_i w_{t_i}, ignored samples left out.
        var weightSum = kept.Sum(i => ClassWeights[Targets[i]]);
        var nll = kept.Sum(i => ClassWeights[Targets[i]] * nlp[i][Targets[i]]) / weightSum;
        var smooth = kept.Sum(i => Enumerable.Range(0, classes).Sum(c => ClassWeights[c] * nlp[i][c])) / weightSum;
        var expected = ((1 - epsilon) * nll) + (epsilon / classes * smooth);

        var loss = F.cross_entropy(LogitTensor(), TargetTensor(), tensor(ClassWeights), ignore_index: 0, label_smoothing: epsilon);
        loss.item<double>().Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Nll_loss_reads_the_target_log_probability()
    {
        using var scope = NewDisposeScope();
        var logProbabilities = from_array(new double[,] { { -1, -2, -3 }, { -0.5, -1.5, -2.5 } });
        var targets = tensor(new long[] { 1, 2 });
        F.nll_loss(logProbabilities, targets).item<double>().Should().BeApproximately((2 + 2.5) / 2, 1e-12);
        F.nll_loss(logProbabilities, targets, reduction: nn.Reduction.Sum).item<double>().Should().BeApproximately(4.5, 1e-12);
        F.nll_loss(logProbabilities, targets, reduction: nn.Reduction.None).ShouldBeClose(2, 2.5);
        F.nll_loss(logProbabilities, targets, tensor(new double[] { 1, 2, 3 })).item<double>().Should().BeApproximately(((2 * 2) + (3 * 2.5)) / (2 + 3), 1e-12);
        F.nll_loss(logProbabilities, targets, ignore_index: 2).item<double>().Should().BeApproximately(2, 1e-12);
    }

    [Fact]
    public void Mse_and_l1_losses_by_hand()
    {
        using var scope = NewDisposeScope();
        var input = tensor(new float[] { 1, 2, 3 });
        var target = tensor(new float[] { 1, 0, 5 });
        F.mse_loss(input, target).ShouldBeClose(8.0 / 3);
        F.mse_loss(input, target, nn.Reduction.Sum).ShouldBeClose(8);
        F.mse_loss(input, target, nn.Reduction.None).ShouldBeClose(0, 4, 4);
        F.l1_loss(input, target).ShouldBeClose(4.0 / 3);
        F.l1_loss(input, target, nn.Reduction.Sum).ShouldBeClose(4);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_by_formula()
    {
        using var scope = NewDisposeScope();
        double[] x = [0, 2, -1];
        double[] y = [1, 0, 0.5];
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double Loss(int i, double positiveWeight) =>
            -((positiveWeight * y[i] * Math.Log(Sigmoid(x[i]))) + ((1 - y[i]) * Math.Log(1 - Sigmoid(x[i]))));

        var plain = Enumerable.Range(0, 3).Select(i => Loss(i, 1)).ToArray();
        F.binary_cross_entropy_with_logits(tensor(x), tensor(y), reduction: nn.Reduction.None).ShouldBeCloseWithin(1e-12, plain);
        F.binary_cross_entropy_with_logits(tensor(x), tensor(y)).item<double>().Should().BeApproximately(plain.Average(), 1e-12);

        double[] elementWeights = [1, 2, 0.5];
        var weighted = Enumerable.Range(0, 3).Select(i => elementWeights[i] * Loss(i, 3)).ToArray();
        F.binary_cross_entropy_with_logits(tensor(x), tensor(y), tensor(elementWeights), nn.Reduction.Sum, pos_weight: tensor(new double[] { 3 }))
            .item<double>().Should().BeApproximately(weighted.Sum(), 1e-12);
    }

    [Fact]
    public void Binary_cross_entropy_on_probabilities_by_formula()
    {
        using var scope = NewDisposeScope();
        double[] p = [0.9, 0.2, 0.5];
        double[] y = [1, 0, 0.25];
        var perElement = p.Zip(y, (pi, yi) => -((yi * Math.Log(pi)) + ((1 - yi) * Math.Log(1 - pi)))).ToArray();
        F.binary_cross_entropy(tensor(p), tensor(y), reduction: nn.Reduction.None).ShouldBeCloseWithin(1e-12, perElement);
        F.binary_cross_entropy(tensor(p), tensor(y)).item<double>().Should().BeApproximately(perElement.Average(), 1e-12);
        F.binary_cross_entropy(tensor(p), tensor(y), tensor(new double[] { 2, 0, 1 }), nn.Reduction.Sum).item<double>()
            .Should().BeApproximately((2 * perElement[0]) + perElement[2], 1e-12);
    }

    [Fact]
    public void Smooth_l1_and_huber_losses_are_quadratic_near_zero_and_linear_beyond()
    {
        using var scope = NewDisposeScope();
        var input = tensor(new double[] { 0, 0.5, 3, -2 });
        var target = zeros([4], float64);

        // beta = 2: |d| < 2 gives 0.5 d²/2, else |d| − 1.
        F.smooth_l1_loss(input, target, nn.Reduction.None, beta: 2).ShouldBeCloseWithin(1e-12, 0, 0.0625, 2, 1);
        F.smooth_l1_loss(input, target).ShouldBeCloseWithin(1e-12, (0 + 0.125 + 2.5 + 1.5) / 4);

        // delta = 2: |d| < 2 gives 0.5 d², else 2 (|d| − 1).
        F.huber_loss(input, target, nn.Reduction.None, delta: 2).ShouldBeCloseWithin(1e-12, 0, 0.125, 4, 2);
        F.huber_loss(input, target, nn.Reduction.Sum).ShouldBeCloseWithin(1e-12, 0 + 0.125 + 2.5 + 1.5);
    }
}
