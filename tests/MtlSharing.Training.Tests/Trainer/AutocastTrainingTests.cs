using MtlSharing.Training.Data;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;
using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>
/// Training with <see cref="TrainerOptions.Autocast"/>: forward pass, losses and evaluation in
/// bfloat16 where libtorch allows, backward pass and update in float32, and the thread's autocast
/// state restored whatever happens.
/// </summary>
[Collection(TrainerCollection.Name)]
public sealed class AutocastTrainingTests
{
    [Fact]
    public void Training_under_autocast_reduces_the_loss()
    {
        using var model = TinyScenario.Model();
        var weighting = new SumWeighting();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 8, Autocast = ScalarType.BFloat16 }, weighting: weighting);

        trainer.Train();

        var first = weighting.EpochMeans[0].Values.Sum();
        var last = weighting.EpochMeans[^1].Values.Sum();
        double.IsFinite(last).Should().BeTrue();
        last.Should().BeLessThan(0.6 * first, $"the summed mean loss went from {first:F3} in the first epoch to {last:F3} in the last");
    }

    [Fact]
    public void Forward_and_loss_run_under_autocast_backward_outside_and_evaluation_inside()
    {
        var probe = new ProbeWeighting();
        bool? autocastWhileEvaluating = null;
        ScalarType? evaluationOutput = null;
        var progress = new RecordingProgress();
        using var model = PlainModel.Make();
        using var trainer = new MultiTaskTrainer(model, PlainModel.Data(PlainModel.Datasets()), new EveryTaskSampler(steps: 1), probe, p => optim.SGD(p, 0.1), new TrainerOptions
        {
            Autocast = ScalarType.BFloat16,
            Progress = progress,
            Evaluate = (m, _) =>
            {
                autocastWhileEvaluating = Autocast.IsEnabled;
                evaluationOutput = m.forward(ones([2, TinyScenario.Features]), "a").dtype;
                return new Dictionary<string, double>();
            },
        });

        trainer.Train();

        probe.AutocastDuringBackward.Should().Equal(false);
        probe.LossTypes.Should().OnlyContain(t => t == ScalarType.Float32, "cross-entropy runs in float32 under autocast");
        autocastWhileEvaluating.Should().BeTrue();
        evaluationOutput.Should().Be(ScalarType.BFloat16);
        Autocast.IsEnabled.Should().BeFalse("training leaves the thread as it found it");

        // The same first step in float32 gives nearly, but not exactly, the same losses: the forward pass really ran in bfloat16.
        var lowered = progress.Events.First(e => e.Phase == TrainingPhase.Training).Losses;
        var exact = FirstStepLosses(autocast: null);
        foreach (var task in TinyScenario.Tasks)
        {
            lowered[task].Should().BeApproximately(exact[task], 0.02, $"task {task}").And.NotBe(exact[task]);
        }
    }

    public static TheoryData<string> GradientLevelWeightings() => new() { "gradnorm", "pcgrad" };

    [Theory]
    [MemberData(nameof(GradientLevelWeightings))]
    public void Gradient_level_weightings_differentiate_through_the_bfloat16_graph(string name)
    {
        LossWeighting weighting = name == "gradnorm" ? new GradNorm(alpha: 1.5, weightLearningRate: 0.025) : new PCGrad();
        using var model = TinyScenario.Model();
        var progress = new RecordingProgress();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 2, Autocast = ScalarType.BFloat16, Progress = progress }, weighting: weighting, sampler: new EveryTaskSampler());

        trainer.Train();

        // Every step has both tasks, so the weighting combines two losses through their bfloat16 graphs.
        var steps = progress.Events.Where(e => e.Phase == TrainingPhase.Training).ToList();
        steps.Should().HaveCount((int)trainer.GlobalStep).And.OnlyContain(e => e.Losses.Count == 2 && e.Losses.Values.All(double.IsFinite));
        using var scope = NewDisposeScope();
        model.parameters().Should().OnlyContain(p => p.dtype == ScalarType.Float32 && double.IsFinite(p.abs().max().ToDouble()));
    }

    [Fact]
    public void A_step_that_throws_leaves_autocast_off()
    {
        var datasets = TinyScenario.Datasets().ToDictionary(d => d.Key, d => (ITaskDataset)d.Value);
        datasets["b"] = new PoisonableDataset(datasets["b"]) { Poisoned = true };
        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Autocast = ScalarType.BFloat16 }, TrainingData.PerTask(datasets, TinyScenario.LoaderOptions));

        trainer.Invoking(t => t.Train()).Should().Throw<NonFiniteLossException>();

        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void An_evaluation_that_throws_leaves_autocast_off()
    {
        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions
        {
            Autocast = ScalarType.BFloat16,
            Evaluate = (_, _) => throw new InvalidDataException("evaluation failed"),
        });

        trainer.Invoking(t => t.Train()).Should().Throw<InvalidDataException>();

        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void Resident_memory_stays_flat_over_many_autocast_steps()
    {
        const long warmupSteps = 40;
        const long steps = 250;
        long afterWarmup = 0;
        using var model = MemoryProbe.WideModel();
        var progress = new RecordingProgress(e =>
        {
            if (e.Phase == TrainingPhase.Training && e.GlobalStep == warmupSteps)
            {
                afterWarmup = MemoryProbe.ResidentBytes();
            }
        });
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { Epochs = 1_000, MaxSteps = warmupSteps + steps, Autocast = ScalarType.BFloat16, Progress = progress });

        trainer.Train();

        var atEnd = MemoryProbe.ResidentBytes();
        trainer.GlobalStep.Should().Be(warmupSteps + steps);
        afterWarmup.Should().BePositive();
        // Each step makes about 3 MB of temporaries (bfloat16 weight copies, activations, float32 gradients); kept, they would add 750 MB.
        var growth = (double)(atEnd - afterWarmup) / afterWarmup;
        growth.Should().BeLessThan(0.25, $"resident memory went from {afterWarmup / 1e6:F1} MB after warm-up to {atEnd / 1e6:F1} MB after {steps} more steps");
    }

    private static IReadOnlyDictionary<string, double> FirstStepLosses(ScalarType? autocast)
    {
        var progress = new RecordingProgress();
        using var model = PlainModel.Make();
        using var trainer = new MultiTaskTrainer(model, PlainModel.Data(PlainModel.Datasets()), new EveryTaskSampler(steps: 1), new SumWeighting(), p => optim.SGD(p, 0.1), new TrainerOptions { Autocast = autocast, Progress = progress });
        trainer.Train();
        return progress.Events.First(e => e.Phase == TrainingPhase.Training).Losses;
    }

    /// <summary>Sums the losses like <see cref="SumWeighting"/>, noting whether autocast was on and each loss's type.</summary>
    private sealed class ProbeWeighting : LossWeighting
    {
        public override string Name => "probe";

        public List<bool> AutocastDuringBackward { get; } = [];

        public List<ScalarType> LossTypes { get; } = [];

        public override void Backward(IReadOnlyDictionary<string, Tensor> losses)
        {
            AutocastDuringBackward.Add(Autocast.IsEnabled);
            LossTypes.AddRange(losses.Values.Select(l => l.dtype));
            using var scope = NewDisposeScope();
            losses.Values.Aggregate((a, b) => a + b).backward();
            LastWeights = losses.Keys.ToDictionary(t => t, _ => 1.0);
        }
    }
}
