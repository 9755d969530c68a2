using MtlSharing.Training.Data;
using MtlSharing.Training.Data.Transforms;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class ComposeTests
{
    [Fact]
    public void Transforms_run_in_order_and_share_the_random_stream()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 0, 0.25f }, new long[] { 1, 1, 1, 2 });
        var random = new Data.ScriptedRandom(0.1);

        var output = new Compose(new Invert(), new RandomHorizontalFlip(0.5), new Normalize([0.5], [0.25])).Apply(inputs, random);

        // Invert: [1, 0.75]; flip (0.1 < 0.5): [0.75, 1]; normalise: [(0.75 − 0.5) / 0.25, (1 − 0.5) / 0.25] = [1, 2].
        output.data<float>().ToArray().Should().Equal(1f, 2f);
        random.Remaining.Should().Be(0);
        inputs.data<float>().ToArray().Should().Equal(0f, 0.25f);
    }

    [Fact]
    public void An_empty_chain_is_rejected()
    {
        Invoking(() => new Compose(Array.Empty<ITransform>())).Should().Throw<ArgumentException>();
    }
}
