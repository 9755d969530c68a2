namespace MtlSharing.Torch.Tests.Runtime;

[Collection(GlobalStateCollection.Name)]
public sealed class RandomTests
{
    [Fact]
    public void The_same_seed_gives_the_same_numbers()
    {
        using var scope = NewDisposeScope();
        manual_seed(42);
        var first = randn([16]).ToArray<float>();
        var firstInts = randint(0, 1000, [8]).ToArray<long>();
        manual_seed(42);
        randn([16]).ToArray<float>().Should().Equal(first);
        randint(0, 1000, [8]).ToArray<long>().Should().Equal(firstInts);
    }

    [Fact]
    public void Different_seeds_give_different_numbers()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var first = randn([16]).ToArray<float>();
        manual_seed(2);
        randn([16]).ToArray<float>().Should().NotEqual(first);
    }

    [Fact]
    public void Successive_draws_differ()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        rand([8]).ToArray<float>().Should().NotEqual(rand([8]).ToArray<float>());
    }

    [Fact]
    public void Restoring_the_generator_state_replays_the_sequence()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        randn([5]).Dispose();
        var state = get_rng_state();
        state.dtype.Should().Be(ScalarType.Byte);
        var expected = randn([10]).ToArray<float>();
        var expectedPermutation = randperm(20).ToArray<long>();

        randn([100]).Dispose();
        set_rng_state(state);
        randn([10]).ToArray<float>().Should().Equal(expected);
        randperm(20).ToArray<long>().Should().Equal(expectedPermutation);
    }

    [Fact]
    public void Dropout_masks_are_reproducible_under_a_seed()
    {
        using var scope = NewDisposeScope();
        var x = ones([64]);
        manual_seed(11);
        var first = nn.functional.dropout(x, 0.5).ToArray<float>();
        manual_seed(11);
        nn.functional.dropout(x, 0.5).ToArray<float>().Should().Equal(first);
    }
}
