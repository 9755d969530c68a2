using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>Every bad configuration is refused before any training starts: no optimizer is made and the model is unchanged.</summary>
[Collection(TrainerCollection.Name)]
public sealed class ConfigurationTests
{
    public static TheoryData<string, TrainerOptions> BadOptions => new()
    {
        { "Epochs must be at least 1; got 0", new TrainerOptions { Epochs = 0 } },
        { "GradientClipNorm must be a positive finite number or null; got -1", new TrainerOptions { GradientClipNorm = -1 } },
        { "CheckpointEverySteps needs a CheckpointDirectory", new TrainerOptions { CheckpointEverySteps = 5 } },
        { "KeepBestBy 'acc' needs an Evaluate function", new TrainerOptions { KeepBestBy = "acc" } },
        { "Patience needs KeepBestBy", new TrainerOptions { Patience = 2, Evaluate = (_, _) => new Dictionary<string, double>() } },
        { "MaxSteps must be at least 1 or null; got 0", new TrainerOptions { MaxSteps = 0 } },
        { "Autocast supports only ScalarType.BFloat16 (libtorch's CPU autocast); got Int64", new TrainerOptions { Autocast = ScalarType.Int64 } },
        { "Autocast supports only ScalarType.BFloat16 (libtorch's CPU autocast); got Float16", new TrainerOptions { Autocast = ScalarType.Float16 } },
    };

    [Fact]
    public void A_model_task_without_data_is_refused()
    {
        var datasets = PlainModel.Datasets();
        datasets.Remove("b");

        ShouldRefuse(() => TrainingData.PerTask(datasets, PlainModel.InOrder), "task 'b' of the model has no data; the data covers a*");
    }

    [Fact]
    public void Data_for_a_task_the_model_lacks_is_refused()
    {
        var datasets = PlainModel.Datasets();
        datasets["cars"] = Synthetic.Dataset(9, 10, TinyScenario.Features, 2);

        ShouldRefuse(() => TrainingData.PerTask(datasets, PlainModel.InOrder), "there is data for unknown task 'cars'; the model's tasks are a, b*");
    }

    [Fact]
    public void An_empty_dataset_is_refused()
    {
        var datasets = PlainModel.Datasets();
        datasets["b"] = new InMemoryDataset(new float[0, TinyScenario.Features], []);

        ShouldRefuse(() => TrainingData.PerTask(datasets, PlainModel.InOrder), "the dataset of task 'b' is empty (Count = 0)*");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(4)]
    [InlineData(-3)]
    public void A_label_out_of_range_for_the_head_is_refused_naming_the_sample(long label)
    {
        var (inputs, labels) = Synthetic.Task(2, 28, TinyScenario.Features, 4);
        labels[17] = label;
        var datasets = PlainModel.Datasets();
        datasets["b"] = new InMemoryDataset(inputs, labels);

        ShouldRefuse(() => PlainModel.Data(datasets), $"task 'b': sample 17 has label {label}, but the task's head gives 4 classes; labels must be 0–3, or -100 for a missing label*");
    }

    [Fact]
    public void A_task_whose_labels_are_all_missing_is_refused()
    {
        var (inputs, labels) = Synthetic.Task(2, 28, TinyScenario.Features, 4);
        Array.Fill(labels, -100);
        var datasets = PlainModel.Datasets();
        datasets["b"] = new InMemoryDataset(inputs, labels);

        ShouldRefuse(() => PlainModel.Data(datasets), "task 'b' has no data: every one of its labels is -100*");
    }

    [Fact]
    public void A_batch_size_over_the_dataset_with_drop_last_is_refused()
    {
        var options = new DataLoaderOptions { BatchSize = 30, DropLast = true };

        ShouldRefuse(() => TrainingData.PerTask(PlainModel.Datasets(), options), "the batch size 30 is larger than the 28 samples of the dataset of task 'b', and DropLast is on*");
    }

    [Fact]
    public void A_multi_label_dataset_without_labels_for_a_model_task_is_refused()
    {
        var (inputs, labels) = Synthetic.Task(1, 40, TinyScenario.Features, 3);
        var dataset = new InMemoryMultiLabelDataset(inputs, new Dictionary<string, long[]> { ["a"] = labels });

        ShouldRefuse(() => TrainingData.MultiLabel(dataset, PlainModel.InOrder), "task 'b' of the model has no data*");
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused(string message, TrainerOptions options) =>
        ShouldRefuse(() => TrainingData.PerTask(PlainModel.Datasets(), PlainModel.InOrder), $"invalid TrainerOptions: {message}*", options);

    [Fact]
    public void A_sampler_plan_with_an_unknown_task_fails_before_the_first_step()
    {
        using var model = PlainModel.Make();
        var before = StateSnapshot.Of(model);
        using var trainer = new MultiTaskTrainer(model, PlainModel.Data(PlainModel.Datasets()), new FixedPlan([["a"], ["a", "c"]]), new SumWeighting(), p => optim.SGD(p, 0.1));

        var act = () => trainer.Train();

        act.Should().Throw<InvalidOperationException>().WithMessage("the sampler 'fixed' planned step 1 of epoch 0 with unknown task 'c'; the tasks are a, b");
        trainer.GlobalStep.Should().Be(0);
        StateSnapshot.Of(model).ShouldEqualExactly(before);
    }

    private static void ShouldRefuse(Func<TrainingData> data, string message, TrainerOptions? options = null)
    {
        using var model = PlainModel.Make();
        var before = StateSnapshot.Of(model);
        var optimizers = 0;

        var act = () => new MultiTaskTrainer(model, data(), new CyclingSampler(), new SumWeighting(), p => { optimizers++; return optim.SGD(p, 0.1); }, options);

        act.Should().Throw<ArgumentException>().WithMessage(message);
        optimizers.Should().Be(0);
        StateSnapshot.Of(model).ShouldEqualExactly(before);
        model.training.Should().BeTrue();
    }

    private sealed class FixedPlan(IReadOnlyList<IReadOnlyList<string>> plan) : ITaskSampler
    {
        public string Name => "fixed";

        public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask) => plan;
    }
}
