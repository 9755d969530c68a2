namespace MtlSharing.Torch.Tests.NN;

public sealed class BatchNormTests
{
    // Channel 0 holds 1, 2, 3, 4: mean 2.5, biased variance 1.25, unbiased 5/3.
    // Channel 1 holds 0, 2, 0, 2: mean 1, biased variance 1, unbiased 4/3.
    private static readonly float[] Batch = [1, 2, 0, 2, 3, 4, 0, 2];

    [Fact]
    public void One_training_step_normalises_with_batch_statistics_and_updates_running_ones()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(2);
        var y = bn.call(tensor(Batch, new long[] { 2, 2, 1, 2 }));

        var expected = new[]
        {
            (1 - 2.5) / Math.Sqrt(1.25 + 1e-5), (2 - 2.5) / Math.Sqrt(1.25 + 1e-5),
            (0 - 1) / Math.Sqrt(1 + 1e-5), (2 - 1) / Math.Sqrt(1 + 1e-5),
            (3 - 2.5) / Math.Sqrt(1.25 + 1e-5), (4 - 2.5) / Math.Sqrt(1.25 + 1e-5),
            (0 - 1) / Math.Sqrt(1 + 1e-5), (2 - 1) / Math.Sqrt(1 + 1e-5),
        };
        y.ToArray<float>().Should().Equal(expected.Select(v => (float)v), (a, b) => Math.Abs(a - b) < 1e-5);
        bn.running_mean!.ToArray<float>().Should().Equal([0.25f, 0.1f], (a, b) => Math.Abs(a - b) < 1e-6);
        bn.running_var!.ToArray<float>().Should().Equal([(float)(0.9 + (0.1 * 5 / 3)), (float)(0.9 + (0.1 * 4 / 3))], (a, b) => Math.Abs(a - b) < 1e-6);
        bn.num_batches_tracked!.item<long>().Should().Be(1);
        bn.num_batches_tracked.dtype.Should().Be(ScalarType.Int64);
    }

    [Fact]
    public void Eval_mode_uses_the_running_statistics_and_leaves_them_alone()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(2);
        var x = tensor(Batch, new long[] { 2, 2, 1, 2 });
        bn.call(x);
        bn.eval();
        var y = bn.call(x).ToArray<float>();

        var var0 = 0.9 + (0.1 * 5 / 3);
        var var1 = 0.9 + (0.1 * 4 / 3);
        y[0].Should().BeApproximately((float)((1 - 0.25) / Math.Sqrt(var0 + 1e-5)), 1e-5f);
        y[3].Should().BeApproximately((float)((2 - 0.1) / Math.Sqrt(var1 + 1e-5)), 1e-5f);
        bn.num_batches_tracked!.item<long>().Should().Be(1);
        bn.running_mean!.ToArray<float>().Should().Equal([0.25f, 0.1f], (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Momentum_null_keeps_a_cumulative_average()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(2, momentum: null);
        var first = tensor(new float[] { 1, 0, 3, 2 }, new long[] { 2, 2 });
        bn.call(first);
        bn.call(first + 1);
        bn.num_batches_tracked!.item<long>().Should().Be(2);
        bn.running_mean!.ToArray<float>().Should().Equal([2.5f, 1.5f], (a, b) => Math.Abs(a - b) < 1e-6);
        bn.running_var!.ToArray<float>().Should().Equal([2f, 2f], (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Without_running_statistics_eval_still_uses_the_batch()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(2, affine: false, track_running_stats: false);
        bn.named_parameters().Should().BeEmpty();
        bn.state_dict().Should().BeEmpty();
        bn.eval();
        var y = bn.call(tensor(Batch, new long[] { 2, 2, 1, 2 })).ToArray<float>();
        y[0].Should().BeApproximately((float)((1 - 2.5) / Math.Sqrt(1.25 + 1e-5)), 1e-5f);
    }

    [Fact]
    public void State_dict_lists_parameters_then_buffers()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(3);
        bn.state_dict().Keys.Should().Equal("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
        bn.weight!.ToArray<float>().Should().Equal(1f, 1f, 1f);
        bn.bias!.ToArray<float>().Should().Equal(0f, 0f, 0f);
    }

    [Fact]
    public void Input_rank_and_batch_size_are_checked()
    {
        using var scope = NewDisposeScope();
        using var bn1 = nn.BatchNorm1d(3);
        using var bn2 = nn.BatchNorm2d(3);
        bn1.call(randn([4, 3, 5])).shape.Should().Equal(4, 3, 5);
        var wrongRank = () => bn2.call(randn([4, 3, 5]));
        wrongRank.Should().Throw<ArgumentException>().WithMessage("*expected 4D input (got 3D input)*");
        var single = () => bn1.call(randn([1, 3]));
        single.Should().Throw<ArgumentException>().WithMessage("*more than 1 value per channel*");
        bn1.num_batches_tracked!.item<long>().Should().Be(1);
    }

    [Fact]
    public void Reset_running_stats_restores_the_initial_buffers()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(2);
        bn.call(tensor(Batch, new long[] { 2, 2, 1, 2 }));
        bn.reset_running_stats();
        bn.running_mean!.ToArray<float>().Should().Equal(0f, 0f);
        bn.running_var!.ToArray<float>().Should().Equal(1f, 1f);
        bn.num_batches_tracked!.item<long>().Should().Be(0);
    }
}
