using MtlSharing.Training.Data.Transforms;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class InvertTests
{
    [Fact]
    public void Inputs_become_one_minus_themselves()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 0, 0.25f, 1 }, new long[] { 1, 1, 1, 3 });

        var output = new Invert().Apply(inputs, new Random(0));

        output.data<float>().ToArray().Should().Equal(1f, 0.75f, 0f);
    }
}
