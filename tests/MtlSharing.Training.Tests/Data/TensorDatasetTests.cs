using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class TensorDatasetTests
{
    [Fact]
    public void Get_returns_the_requested_rows_in_the_requested_order()
    {
        using var scope = NewDisposeScope();
        using var dataset = new TensorDataset(
            tensor(new float[] { 0, 1, 10, 11, 20, 21, 30, 31 }, new long[] { 4, 2 }),
            tensor(new long[] { 7, 8, 9, -100 }));

        var (inputs, labels) = dataset.Get([3, 0, 3]);

        dataset.Count.Should().Be(4);
        dataset.SampleShape.Should().Equal(2);
        inputs.shape.Should().Equal(3, 2);
        inputs.data<float>().ToArray().Should().Equal(30, 31, 0, 1, 30, 31);
        labels.data<long>().ToArray().Should().Equal(-100, 7, -100);
    }

    [Fact]
    public void The_dataset_keeps_its_own_copies()
    {
        using var dataset = CreateAndDisposeArguments();
        using var scope = NewDisposeScope();

        var (inputs, labels) = dataset.Get([1]);

        inputs.data<float>().ToArray().Should().Equal(2f);
        labels.data<long>().ToArray().Should().Equal(1L);
    }

    [Fact]
    public void Changing_the_original_tensors_does_not_change_the_dataset()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 1, 2 }, new long[] { 2, 1 });
        using var dataset = new TensorDataset(inputs, tensor(new long[] { 0, 1 }));
        inputs.fill_(9);

        dataset.Get([0, 1]).Inputs.data<float>().ToArray().Should().Equal(1, 2);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_the_reason()
    {
        using var scope = NewDisposeScope();
        var inputs = zeros([3, 2]);

        Invoking(() => new TensorDataset(inputs, tensor(new long[] { 0, 1 }))).Should().Throw<ArgumentException>().WithMessage("*shape [3]*got [2]*");
        Invoking(() => new TensorDataset(inputs, tensor(new[] { 0, 1, 2 }))).Should().Throw<ArgumentException>().WithMessage("*int64*Int32*");
        Invoking(() => new TensorDataset(zeros([3], int64), tensor(new long[] { 0, 1, 2 }))).Should().Throw<ArgumentException>().WithMessage("*float32*Int64*");
        Invoking(() => new TensorDataset(inputs, zeros([3, 1], int64))).Should().Throw<ArgumentException>().WithMessage("*shape [3]*got [3, 1]*");
    }

    [Fact]
    public void Get_rejects_an_index_outside_the_dataset_and_use_after_dispose()
    {
        var dataset = TinyData.Indexed(3);

        Invoking(() => dataset.Get([0, 3])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*index 3*[0, 3)*");
        Invoking(() => dataset.Get([-1])).Should().Throw<ArgumentOutOfRangeException>();
        dataset.Dispose();
        Invoking(() => dataset.Get([0])).Should().Throw<ObjectDisposedException>();
    }

    private static TensorDataset CreateAndDisposeArguments()
    {
        using var scope = NewDisposeScope();
        return new TensorDataset(tensor(new float[] { 1, 2 }, new long[] { 2, 1 }), tensor(new long[] { 0, 1 }));
    }
}
