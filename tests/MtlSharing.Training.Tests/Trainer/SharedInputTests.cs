using MtlSharing.Modules;
using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Training.Data;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>
/// Single-input (multi-label) training runs the shared blocks once per step on the one batch every
/// task reads, rather than once on a copy per task, with the same losses as the dictionary call.
/// </summary>
[Collection(TrainerCollection.Name)]
public sealed class SharedInputTests
{
    private const int BatchSize = 4;

    [Fact]
    public void The_shared_block_sees_each_batch_once_when_every_task_reads_it()
    {
        using var model = TopSpecificMlp();
        using var trainer = Trainer(model, new EveryTaskSampler());
        var batchSizes = new List<long>();
        var hook = SharedBlock(model).register_forward_hook((_, _, output) =>
        {
            batchSizes.Add(output.shape[0]);
            return output;
        });

        trainer.Train();
        hook.remove();

        // 8 samples in batches of 4: two steps, one pass of the shared block each, on 4 samples.
        batchSizes.Should().Equal(BatchSize, BatchSize);
    }

    [Fact]
    public void The_losses_equal_those_of_the_dictionary_call_on_a_copy_per_task()
    {
        var (inputs, labels) = Data();
        var progress = new RecordingProgress();
        using (var model = TopSpecificMlp())
        using (var trainer = Trainer(model, new EveryTaskSampler(), progress))
        {
            trainer.Train();
        }

        using var scope = NewDisposeScope();
        using var reference = TopSpecificMlp();
        reference.train();
        var batch = from_array(inputs).narrow(0, 0, BatchSize);
        var outputs = reference.forward(TinyScenario.Tasks.ToDictionary(t => t, _ => batch));
        var firstStep = progress.Events.First(e => e.Phase == TrainingPhase.Training).Losses;
        foreach (var task in TinyScenario.Tasks)
        {
            var expected = nn.functional.cross_entropy(outputs[task], tensor(labels[task][..BatchSize])).ToDouble();
            firstStep[task].Should().BeApproximately(expected, 1e-6, task);
        }
    }

    [Fact]
    public void A_step_with_only_some_tasks_uses_the_dictionary_call()
    {
        using var model = TopSpecificMlp();
        using var trainer = Trainer(model, new CyclingSampler());
        var calls = 0;
        var hook = SharedBlock(model).register_forward_hook((_, _, output) =>
        {
            calls++;
            return output;
        });

        trainer.Train();
        hook.remove();

        // One task per step: a, b, a, b, each its own pass.
        calls.Should().Be(4);
    }

    /// <summary>The block every task shares (hooks added after the trainer checked the data, which runs it too).</summary>
    private static nn.Module<Tensor, Tensor> SharedBlock(MultiTaskModel model) => (nn.Module<Tensor, Tensor>)model.Backbone.GetSubmodule("layers.0");

    private static MultiTaskTrainer Trainer(MultiTaskModel model, ITaskSampler sampler, IProgress<TrainingProgress>? progress = null)
    {
        var (inputs, labels) = Data();
        var data = TrainingData.MultiLabel(new InMemoryMultiLabelDataset(inputs, labels), PlainModel.InOrder with { BatchSize = BatchSize });
        return new MultiTaskTrainer(model, data, sampler, new SumWeighting(), p => optim.SGD(p, 0.1), new TrainerOptions { Progress = progress });
    }

    private static (float[,] Inputs, Dictionary<string, long[]> Labels) Data()
    {
        var (inputs, labelsA) = Synthetic.Task(1, 8, TinyScenario.Features, 3);
        var (_, labelsB) = Synthetic.Task(2, 8, TinyScenario.Features, 4);
        return (inputs, new Dictionary<string, long[]> { ["a"] = labelsA, ["b"] = labelsB });
    }

    private static MultiTaskModel TopSpecificMlp()
    {
        manual_seed(5);
        var backbone = Backbone.Mlp(new MlpOptions { InputFeatures = TinyScenario.Features, Hidden = [16, 16], Classes = null });
        return SharingPresets.TopSpecific(TinyScenario.Tasks, t => nn.Linear(16, TinyScenario.Classes(t)), 1).Apply(backbone);
    }
}
