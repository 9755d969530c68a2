using MtlSharing.Training.TestHost;
using MtlSharing.Training.TestHost.Doubles;

namespace MtlSharing.Training.Tests.Trainer;

[Collection(TrainerCollection.Name)]
public sealed class StepTests
{
    private const double LearningRate = 0.1;

    [Fact]
    public void A_step_is_the_sum_of_each_tasks_cross_entropy_ignoring_missing_labels_then_one_SGD_update()
    {
        using var scope = NewDisposeScope();
        var (inputsA, labelsA) = Synthetic.Task(1, 40, TinyScenario.Features, 3);
        labelsA[1] = -100;
        labelsA[5] = -100;
        var datasets = PlainModel.Datasets();
        datasets["a"] = new InMemoryDataset(inputsA, labelsA);
        using var reference = PlainModel.Make();
        using var model = PlainModel.Make();
        var progress = new RecordingProgress();
        using var trainer = new MultiTaskTrainer(model, PlainModel.Data(datasets), new EveryTaskSampler(steps: 1), new SumWeighting(), p => optim.SGD(p, LearningRate), new TrainerOptions { Progress = progress });

        trainer.Train();

        // The first batch of each task is its first 8 samples (no shuffling).
        var first8 = Enumerable.Range(0, 8).Select(i => (long)i).ToArray();
        var batches = datasets.ToDictionary(d => d.Key, d => d.Value.Get(first8));
        var reported = progress.Events.Single(e => e.Phase == TrainingPhase.Training).Losses;
        foreach (var task in TinyScenario.Tasks)
        {
            var logits = reference.forward(batches[task].Inputs, task);
            reported[task].Should().BeApproximately(CrossEntropyByHand(logits, batches[task].Labels), 1e-6, $"task {task}");
        }

        var total = TinyScenario.Tasks.Select(t => nn.functional.cross_entropy(reference.forward(batches[t].Inputs, t), batches[t].Labels)).Aggregate((x, y) => x + y);
        total.backward();
        var trained = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in reference.named_parameters())
        {
            var expected = (parameter - (parameter.grad! * LearningRate)).data<float>().ToArray();
            var actual = trained[name].detach().data<float>().ToArray();
            for (var i = 0; i < expected.Length; i++)
            {
                actual[i].Should().BeApproximately(expected[i], 1e-6f, $"{name}[{i}]");
            }
        }
    }

    [Fact]
    public void Gradient_clipping_limits_the_total_gradient_norm_of_the_update()
    {
        const double maxNorm = 0.01;
        var unclipped = UpdateNorm(clip: null);
        var clipped = UpdateNorm(clip: maxNorm);

        // SGD with learning rate 1 moves the parameters by exactly the (clipped) gradient.
        unclipped.Should().BeGreaterThan(10 * maxNorm, "otherwise clipping would not change anything");
        clipped.Should().BeApproximately(maxNorm * unclipped / (unclipped + 1e-6), 1e-7);
    }

    private static double UpdateNorm(double? clip)
    {
        using var scope = NewDisposeScope();
        using var model = PlainModel.Make();
        var before = StateSnapshot.Of(model);
        using var trainer = new MultiTaskTrainer(model, PlainModel.Data(PlainModel.Datasets()), new EveryTaskSampler(steps: 1), new SumWeighting(), p => optim.SGD(p, 1.0), new TrainerOptions { GradientClipNorm = clip });

        trainer.Train();

        var after = StateSnapshot.Of(model);
        return Math.Sqrt(before.Sum(e => e.Value.Select((v, i) => Math.Pow(after[e.Key][i] - v, 2)).Sum()));
    }

    /// <summary>The mean over labelled samples of -log softmax(logits)[label], in double precision.</summary>
    private static double CrossEntropyByHand(torch.Tensor logits, torch.Tensor labels)
    {
        var values = logits.detach().to(float64).data<double>().ToArray();
        var targets = labels.data<long>().ToArray();
        var classes = (int)logits.shape[1];
        var terms = new List<double>();
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i] == -100)
            {
                continue;
            }

            var row = values.Skip(i * classes).Take(classes).ToArray();
            var logSum = Math.Log(row.Sum(Math.Exp));
            terms.Add(logSum - row[targets[i]]);
        }

        return terms.Average();
    }

    [Fact]
    public void With_Adam_a_step_of_one_task_leaves_the_other_tasks_copies_untouched()
    {
        using var model = TinyScenario.Model();
        var before = StateSnapshot.Of(model);
        using var trainer = TinyScenario.Trainer(model, new TrainerOptions { MaxSteps = 3 });

        trainer.Train();

        // The cycling sampler trains a, b, a: b's head moved once (step 2) and then not again,
        // so its parameters equal those after one Adam update, whatever step 3 did to a's.
        var after = StateSnapshot.Of(model);
        using var single = TinyScenario.Model();
        using var once = TinyScenario.Trainer(single, new TrainerOptions { MaxSteps = 2 });
        once.Train();
        var afterTwo = StateSnapshot.Of(single);
        after["heads.b.weight"].Should().Equal(afterTwo["heads.b.weight"], "TorchSharp's zero_grad only zeroes, and Adam would move b again with a zero gradient; the trainer sets gradients to none");
        after["heads.a.weight"].Should().NotEqual(afterTwo["heads.a.weight"]);
        before["heads.b.weight"].Should().NotEqual(afterTwo["heads.b.weight"]);
    }
}
