using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class DataValidationTests
{
    private static readonly DataLoaderOptions Options = new() { BatchSize = 4 };

    private static TensorDataset Labelled(params long[] labels)
    {
        using var scope = NewDisposeScope();
        return new TensorDataset(zeros([labels.Length, 2]), tensor(labels));
    }

    [Fact]
    public void A_valid_multi_input_configuration_passes()
    {
        using var digits = Labelled(0, 9, 3, -100, 5);
        using var shirts = Labelled(1, 1, 0, 0);

        Invoking(() => DataValidation.Check(
                ["digits", "shirts"],
                new Dictionary<string, ITaskDataset> { ["digits"] = digits, ["shirts"] = shirts },
                new Dictionary<string, int> { ["digits"] = 10, ["shirts"] = 2 },
                Options with { DropLast = true }))
            .Should().NotThrow();
    }

    [Fact]
    public void A_task_without_data_or_data_for_an_unknown_task_is_reported()
    {
        using var digits = Labelled(0, 1);
        var counts = new Dictionary<string, int> { ["digits"] = 10, ["shirts"] = 2, ["cars"] = 3 };

        Invoking(() => DataValidation.Check(["digits", "shirts"], new Dictionary<string, ITaskDataset> { ["digits"] = digits }, counts, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'shirts' has no data: datasets were given for digits*");
        Invoking(() => DataValidation.Check(["digits"], new Dictionary<string, ITaskDataset> { ["digits"] = digits, ["cars"] = digits }, counts, Options))
            .Should().Throw<ArgumentException>().WithMessage("data was given for task 'cars', which the model does not have; the model's tasks are digits*");
        Invoking(() => DataValidation.Check([], new Dictionary<string, ITaskDataset>(), counts, Options))
            .Should().Throw<ArgumentException>().WithMessage("*no task*");
    }

    [Fact]
    public void An_empty_dataset_is_reported()
    {
        using var empty = Labelled();

        Invoking(() => DataValidation.CheckTaskDataset("digits", empty, 10, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'digits' has an empty dataset*");
    }

    [Fact]
    public void A_label_outside_the_head_is_reported_with_its_sample()
    {
        using var dataset = Labelled(0, 9, 3, 10);
        using var negative = Labelled(0, -1);

        Invoking(() => DataValidation.CheckTaskDataset("digits", dataset, 10, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'digits' has label 10 at sample 3, outside [0, 10) for its head of 10 classes*");
        Invoking(() => DataValidation.CheckTaskDataset("digits", negative, 10, Options))
            .Should().Throw<ArgumentException>().WithMessage("*label -1 at sample 1*");
    }

    [Fact]
    public void A_label_beyond_the_first_scan_chunk_is_found()
    {
        var labels = new long[5000];
        labels[4321] = 2;
        using var dataset = Labelled(labels);

        Invoking(() => DataValidation.CheckTaskDataset("pairs", dataset, 2, Options))
            .Should().Throw<ArgumentException>().WithMessage("*label 2 at sample 4321*");
    }

    [Fact]
    public void A_task_whose_labels_are_all_missing_has_no_data()
    {
        using var dataset = Labelled(-100, -100);

        Invoking(() => DataValidation.CheckTaskDataset("digits", dataset, 10, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'digits' has no labelled sample*");
    }

    [Fact]
    public void A_batch_over_the_dataset_with_DropLast_is_reported_and_is_fine_without()
    {
        using var dataset = Labelled(0, 1, 0);

        Invoking(() => DataValidation.CheckTaskDataset("digits", dataset, 10, Options with { DropLast = true }))
            .Should().Throw<ArgumentException>().WithMessage("task 'digits' has 3 samples, fewer than the batch size 4, and DropLast is set*");
        Invoking(() => DataValidation.CheckTaskDataset("digits", dataset, 10, Options)).Should().NotThrow();
    }

    [Fact]
    public void A_missing_or_empty_head_size_is_reported()
    {
        using var dataset = Labelled(0);
        var datasets = new Dictionary<string, ITaskDataset> { ["digits"] = dataset };

        Invoking(() => DataValidation.Check(["digits"], datasets, new Dictionary<string, int>(), Options))
            .Should().Throw<ArgumentException>().WithMessage("the number of classes of task 'digits' is not given*");
        Invoking(() => DataValidation.Check(["digits"], datasets, new Dictionary<string, int> { ["digits"] = 0 }, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'digits' has a head of 0 classes*");
    }

    [Fact]
    public void A_single_input_dataset_is_checked_task_by_task()
    {
        using var dataset = MultiLabelTensorDatasetTests.Create(6);
        var counts = new Dictionary<string, int> { ["parity"] = 2, ["thirds"] = 3 };

        Invoking(() => DataValidation.Check(["parity", "thirds"], dataset, counts, Options)).Should().NotThrow();
        Invoking(() => DataValidation.Check(["parity", "thirds"], dataset, new Dictionary<string, int> { ["parity"] = 2, ["thirds"] = 2 }, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'thirds' has label 2 at sample 2*");
        Invoking(() => DataValidation.Check(["parity", "fourths"], dataset, counts, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'fourths' has no data: the dataset has labels for parity, thirds*");
        Invoking(() => DataValidation.Check(["parity", "thirds"], dataset, counts, new DataLoaderOptions { BatchSize = 7, DropLast = true }))
            .Should().Throw<ArgumentException>().WithMessage("the single-input dataset has 6 samples, fewer than the batch size 7*");
    }

    [Fact]
    public void A_single_input_task_with_every_label_missing_is_reported()
    {
        using var scope = NewDisposeScope();
        using var dataset = new MultiLabelTensorDataset(zeros([2, 1]), new Dictionary<string, Tensor>
        {
            ["seen"] = tensor(new long[] { 0, 1 }),
            ["unseen"] = tensor(new long[] { -100, -100 }),
        });

        Invoking(() => DataValidation.Check(["seen", "unseen"], dataset, new Dictionary<string, int> { ["seen"] = 2, ["unseen"] = 2 }, Options))
            .Should().Throw<ArgumentException>().WithMessage("task 'unseen' has no labelled sample*");
    }
}
