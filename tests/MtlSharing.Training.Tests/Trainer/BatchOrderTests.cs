using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>Which batch each step gets, with loaders that do not shuffle: cycling and resuming mid-epoch.</summary>
[Collection(TrainerCollection.Name)]
public sealed class BatchOrderTests
{
    [Fact]
    public void A_sampler_that_asks_for_more_batches_than_a_task_has_restarts_that_tasks_loader()
    {
        var (data, recorded) = RecordedData();
        using var model = PlainModel.Make();
        using var trainer = Trainer(model, data, new EveryTaskSampler(), new TrainerOptions());
        Clear(recorded);

        trainer.Train();

        // Every step uses both tasks; a has 5 batches, b has 4 and starts over for the fifth step.
        recorded["a"].Ranges.Should().Equal("0-7", "8-15", "16-23", "24-31", "32-39");
        recorded["b"].Ranges.Should().Equal("0-7", "8-15", "16-23", "24-27", "0-7");
    }

    [Fact]
    public void A_resumed_trainer_continues_mid_epoch_with_each_tasks_next_batch()
    {
        using var directory = new TempDirectory();
        using (var model = PlainModel.Make())
        using (var first = Trainer(model, RecordedData().Data, new CyclingSampler(), new TrainerOptions { CheckpointDirectory = directory.Path, MaxSteps = 5 }))
        {
            first.Train().ReachedMaxSteps.Should().BeTrue();
        }

        var (data, recorded) = RecordedData();
        using var resumedModel = PlainModel.Make();
        using var resumed = Trainer(resumedModel, data, new CyclingSampler(), new TrainerOptions { MaxSteps = 7 });
        resumed.Resume(directory.Last);
        Clear(recorded);

        resumed.Train();

        // Plan a, b, a, b, a | b, a: after 5 steps a used 3 batches and b 2, so step 5 is b's batch 2 and step 6 a's batch 3.
        (resumed.Epoch, resumed.StepInEpoch, resumed.GlobalStep).Should().Be((0, 7, 7L));
        recorded["b"].Ranges.Should().Equal("16-23");
        recorded["a"].Ranges.Should().Equal("24-31");
    }

    [Fact]
    public void Single_input_data_runs_each_step_on_the_next_shared_batch_and_skips_tasks_without_labels_in_it()
    {
        // Samples 0-3 have no label for b; with batches of 4, b has a loss only from the second batch on.
        var (inputs, labelsA) = Synthetic.Task(1, 8, TinyScenario.Features, 3);
        var (_, labelsB) = Synthetic.Task(2, 8, TinyScenario.Features, 4);
        Array.Fill(labelsB, -100, 0, 4);
        var dataset = new InMemoryMultiLabelDataset(inputs, new Dictionary<string, long[]> { ["a"] = labelsA, ["b"] = labelsB });
        var data = TrainingData.MultiLabel(dataset, PlainModel.InOrder with { BatchSize = 4 });
        using var model = PlainModel.Make();
        var progress = new RecordingProgress();

        using (var trainer = Trainer(model, data, new EveryTaskSampler(), new TrainerOptions { Progress = progress }))
        {
            trainer.Train();
        }

        var steps = progress.Events.Where(e => e.Phase == TrainingPhase.Training).ToList();
        steps.Select(e => string.Join("+", e.Losses.Keys.Order())).Should().Equal("a", "a+b");
        steps.Select(e => string.Join("+", e.Weights.Keys.Order())).Should().Equal("a", "a+b");
    }

    [Fact]
    public void Single_input_data_with_one_task_per_step_passes_over_the_shared_batches_once_per_task()
    {
        var (inputs, labelsA) = Synthetic.Task(1, 8, TinyScenario.Features, 3);
        var (_, labelsB) = Synthetic.Task(2, 8, TinyScenario.Features, 4);
        var dataset = new InMemoryMultiLabelDataset(inputs, new Dictionary<string, long[]> { ["a"] = labelsA, ["b"] = labelsB });
        using var model = PlainModel.Make();
        var progress = new RecordingProgress();

        using (var trainer = Trainer(model, TrainingData.MultiLabel(dataset, PlainModel.InOrder with { BatchSize = 4 }), new CyclingSampler(), new TrainerOptions { Progress = progress }))
        {
            trainer.Train();
        }

        // Two shared batches, two tasks: a, b, a, b (the loader starts a second pass at step 2).
        progress.Events.Where(e => e.Phase == TrainingPhase.Training).Select(e => e.Losses.Keys.Single()).Should().Equal("a", "b", "a", "b");
    }

    [Fact]
    public void Shared_loader_options_give_each_task_its_own_shuffling_seed()
    {
        // Two tasks with the same 32 samples: with the same seed they would be shuffled alike.
        var (inputs, labels) = Synthetic.Task(1, 32, TinyScenario.Features, 3);
        var recorded = TinyScenario.Tasks.ToDictionary(t => t, _ => new RecordingDataset(new InMemoryDataset(inputs, labels)));
        var data = TrainingData.PerTask(recorded.ToDictionary(r => r.Key, r => (ITaskDataset)r.Value), new DataLoaderOptions { BatchSize = 32, Shuffle = true, Seed = 4 });
        using var model = PlainModel.Make();
        using var trainer = Trainer(model, data, new EveryTaskSampler(), new TrainerOptions());
        Clear(recorded);

        trainer.Train();

        recorded["a"].Requests.Single().Should().BeEquivalentTo(Enumerable.Range(0, 32), "every sample is used once");
        recorded["b"].Requests.Single().Should().NotEqual(recorded["a"].Requests.Single());
    }

    private static MultiTaskTrainer Trainer(Routing.MultiTaskModel model, TrainingData data, ITaskSampler sampler, TrainerOptions options) =>
        new(model, data, sampler, new SumWeighting(), p => optim.SGD(p, 0.1), options);

    private static (TrainingData Data, Dictionary<string, RecordingDataset> Recorded) RecordedData()
    {
        var recorded = PlainModel.Datasets().ToDictionary(d => d.Key, d => new RecordingDataset(d.Value));
        return (PlainModel.Data(recorded.ToDictionary(r => r.Key, r => (ITaskDataset)r.Value)), recorded);
    }

    private static void Clear(Dictionary<string, RecordingDataset> recorded)
    {
        foreach (var dataset in recorded.Values)
        {
            dataset.Requests.Clear();
        }
    }
}
