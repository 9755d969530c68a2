using MtlSharing.Training.Checkpoints;
using System.Security.Cryptography;
using MtlSharing.Routing;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;
using MtlSharing.Training.Tests.Trainer;
using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Checkpoints;

/// <summary>A checkpoint that cannot be used is refused with a reason, and neither the trainer nor any file changes.</summary>
[Collection(TrainerCollection.Name)]
public sealed class CorruptCheckpointTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public CorruptCheckpointTests()
    {
        using var model = TinyScenario.Model();
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { CheckpointDirectory = directory.Path, Evaluate = TinyScenario.Accuracy, KeepBestBy = "mean_accuracy" });
        trainer.Train();
    }

    [Fact]
    public void A_truncated_checkpoint_is_refused_naming_the_file()
    {
        var bytes = File.ReadAllBytes(directory.Last);
        var path = directory.File("truncated.pt");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        ShouldRefuse(path, "cannot use the checkpoint '*truncated.pt': the file is truncated or corrupt (*");
    }

    [Fact]
    public void A_file_of_garbage_is_refused_naming_the_file()
    {
        var path = directory.File("garbage.pt");
        File.WriteAllBytes(path, Enumerable.Range(0, 5000).Select(i => (byte)(i * 37)).ToArray());

        ShouldRefuse(path, "cannot use the checkpoint '*garbage.pt': the file is truncated or corrupt (*");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var path = directory.File("empty.pt");
        File.WriteAllBytes(path, []);

        ShouldRefuse(path, "*empty.pt': the file is truncated or corrupt*");
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        ShouldRefuse(directory.File("nothing.pt"), "cannot use the checkpoint '*nothing.pt': the file does not exist");
    }

    [Fact]
    public void A_checkpoint_missing_an_entry_is_refused_naming_the_entry()
    {
        var path = Rewrite(entries => entries.Remove("trainer.global_step"));

        ShouldRefuse(path, "*entry 'trainer.global_step' is missing, so the file is not a complete MultiTaskTrainer checkpoint; nothing was changed");
    }

    [Fact]
    public void A_checkpoint_with_a_malformed_entry_is_refused()
    {
        var path = Rewrite(entries => entries["trainer.epoch"] = tensor(new[] { 1.5, 2.5 }));

        ShouldRefuse(path, "*entry 'trainer.epoch' should be a 0-dim integer tensor but is Float64 of shape [2]*");
    }

    [Fact]
    public void A_checkpoint_of_another_model_is_refused_listing_the_differences()
    {
        ShouldRefuse(directory.Last, "*it was written for another sharing plan: rule 1 differs: the saved plan has prefix '1' → per-task; this model's plan has no rule; nothing was changed", OtherModel());
    }

    [Fact]
    public void A_checkpoint_of_the_same_plan_with_other_heads_is_refused_listing_the_differences()
    {
        ShouldRefuse(directory.Last, "*it was saved from another model: 2 entries have other shapes (heads.b.weight is [4, 16] but the model's is [5, 16], heads.b.bias is [4] but the model's is [5]); nothing was changed", OtherModel(perTaskNorm: true));
    }

    [Fact]
    public void A_checkpoint_written_with_another_sampler_is_refused()
    {
        ShouldRefuse(directory.Last, "*written with the task sampler 'round_robin', but this trainer uses 'all_tasks'*", sampler: new EveryTaskSampler());
    }

    [Fact]
    public void A_checkpoint_without_scheduler_state_is_refused_by_a_trainer_with_a_scheduler()
    {
        ShouldRefuse(directory.Last, "*it holds no learning-rate scheduler state, but this trainer has a scheduler*", options: new TrainerOptions { MaxSteps = 3, SchedulerFactory = o => optim.lr_scheduler.StepLR(o, 1) });
    }

    [Fact]
    public void When_the_weighting_refuses_its_state_the_optimizer_state_already_loaded_is_put_back()
    {
        var weighting = new RefusingWeighting();

        ShouldRefuse(directory.Last, "*its loss weighting state does not fit this trainer (no such state); nothing was changed", weighting: weighting);

        weighting.Refused.Should().BeTrue("the optimizer state had been loaded already when the weighting refused");
    }

    [Fact]
    public void The_model_of_the_best_checkpoint_loads_into_a_fresh_model_and_another_model_is_refused()
    {
        using var model = TinyScenario.Model(seed: 99);
        CheckpointFiles.LoadModel(directory.Best, model);
        StateSnapshot.Of(model).ShouldEqualExactly(StateSnapshot.OfFile(directory.Best, "model."));

        using var other = OtherModel();
        var before = StateSnapshot.Of(other);
        var act = () => CheckpointFiles.LoadModel(directory.Best, other);
        act.Should().Throw<CheckpointException>().WithMessage("*written for another sharing plan*the model was not changed");
        StateSnapshot.Of(other).ShouldEqualExactly(before);
    }

    public void Dispose() => directory.Dispose();

    /// <summary>A trainer that has taken 3 steps tries to resume from the file; its state and every file must stay as they were.</summary>
    private void ShouldRefuse(string path, string message, MultiTaskModel? model = null, MtlSharing.Training.Sampling.ITaskSampler? sampler = null, TrainerOptions? options = null, LossWeighting? weighting = null)
    {
        using var owned = model ?? TinyScenario.Model(seed: 5);
        using var trainer = TinyScenario.Trainer(owned, options ?? new TrainerOptions { MaxSteps = 3 }, weighting: weighting, sampler: sampler);
        trainer.Train();
        var (modelBefore, optimizerBefore, rngBefore, files) = (StateSnapshot.Of(owned), StateSnapshot.Of(OptimizerSnapshot.Capture(trainer.Optimizer)), get_rng_state().data<byte>().ToArray(), Hashes());

        var act = () => trainer.Resume(path);

        var error = act.Should().Throw<CheckpointException>().WithMessage(message).Which;
        error.Path.Should().Be(path);
        (trainer.Epoch, trainer.StepInEpoch, trainer.GlobalStep).Should().Be((0, 3, 3L));
        StateSnapshot.Of(owned).ShouldEqualExactly(modelBefore);
        StateSnapshot.Of(OptimizerSnapshot.Capture(trainer.Optimizer)).ShouldEqualExactly(optimizerBefore);
        get_rng_state().data<byte>().ToArray().Should().Equal(rngBefore);
        Hashes().Should().Equal(files);
    }

    private Dictionary<string, string> Hashes() =>
        directory.FileNames().ToDictionary(n => n, n => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(directory.File(n)))));

    private string Rewrite(Action<Dictionary<string, torch.Tensor>> change)
    {
        using var scope = NewDisposeScope();
        var entries = TorchFiles.Load(directory.Last);
        change(entries);
        var path = directory.File("edited.pt");
        TorchFiles.Save(entries, path);
        return path;
    }

    /// <summary>Shared BatchNorm instead of per-task, and a 5-class head for b.</summary>
    /// <summary>Task b's head has 5 classes (the checkpoint's has 4); the plan shares everything, or, like the checkpoint's, makes layer 1 per task.</summary>
    private static MultiTaskModel OtherModel(bool perTaskNorm = false)
    {
        manual_seed(1);
        var backbone = nn.Sequential(nn.Linear(TinyScenario.Features, TinyScenario.Hidden), nn.BatchNorm1d(TinyScenario.Hidden), nn.ReLU(), nn.Dropout(0.2));
        var plan = Plans.SharingPlan.For(TinyScenario.Tasks, t => nn.Linear(TinyScenario.Hidden, t == "a" ? 3 : 5));
        return (perTaskNorm ? plan.PerTask("1") : plan).Apply(backbone);
    }

    /// <summary>Named like the sum weighting the checkpoint was written with, but refuses any state.</summary>
    private sealed class RefusingWeighting : LossWeighting
    {
        public override string Name => "sum";

        public override void Backward(IReadOnlyDictionary<string, torch.Tensor> losses) => new SumWeighting().Backward(losses);

        public bool Refused { get; private set; }

        /// <summary>Refuses the checkpoint's state, then accepts the state the trainer puts back.</summary>
        public override void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state)
        {
            if (!Refused)
            {
                Refused = true;
                throw new ArgumentException("no such state");
            }
        }
    }
}
