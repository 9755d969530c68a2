using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class MultiLabelTensorDatasetTests
{
    internal static MultiLabelTensorDataset Create(int count)
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(Enumerable.Range(0, count).Select(i => (float)i).ToArray(), new long[] { count, 1 });
        var parity = tensor(Enumerable.Range(0, count).Select(i => (long)(i % 2)).ToArray());
        var thirds = tensor(Enumerable.Range(0, count).Select(i => i % 3 == 0 ? TaskLabels.Missing : i % 3).ToArray());
        return new MultiLabelTensorDataset(inputs, new Dictionary<string, Tensor> { ["parity"] = parity, ["thirds"] = thirds });
    }

    [Fact]
    public void Get_returns_the_inputs_and_every_task_s_labels_for_the_requested_rows()
    {
        using var dataset = Create(6);
        using var scope = NewDisposeScope();

        var (inputs, labels) = dataset.Get([5, 0, 4]);

        dataset.Count.Should().Be(6);
        dataset.Tasks.Should().Equal("parity", "thirds");
        inputs.data<float>().ToArray().Should().Equal(5, 0, 4);
        labels.Keys.Should().BeEquivalentTo("parity", "thirds");
        labels["parity"].data<long>().ToArray().Should().Equal(1, 0, 0);
        labels["thirds"].data<long>().ToArray().Should().Equal(2, -100, 1);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_the_reason()
    {
        using var scope = NewDisposeScope();
        var inputs = zeros([3, 2]);
        var good = tensor(new long[] { 0, 1, 2 });

        Invoking(() => new MultiLabelTensorDataset(inputs, new Dictionary<string, Tensor>()))
            .Should().Throw<ArgumentException>().WithMessage("*at least one task*");
        Invoking(() => new MultiLabelTensorDataset(inputs, new Dictionary<string, Tensor> { ["a"] = good, ["b"] = tensor(new long[] { 0, 1 }) }))
            .Should().Throw<ArgumentException>().WithMessage("*labels of task 'b'*shape [3]*");
        Invoking(() => new MultiLabelTensorDataset(inputs, new Dictionary<string, Tensor> { [" "] = good }))
            .Should().Throw<ArgumentException>().WithMessage("*blank*");
    }
}
