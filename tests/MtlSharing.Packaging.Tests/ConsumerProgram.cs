namespace MtlSharing.Packaging.Tests;

/// <summary>
/// The consumer's Program.cs: TorchVision's ResNet-18 with its classifier replaced by Identity, layer1
/// per task for two tasks with a Linear(512, 3) head each, two training steps, an accuracy count, the
/// parameter report, the size of the Backbones package's ResNet-18 without a classifier, and the
/// Distributed package's world, started without mpirun: one process, no MPI.
/// </summary>
internal static class ConsumerProgram
{
    public const string Source = """
        using MtlSharing.Backbones;
        using MtlSharing.Distributed;
        using MtlSharing.Metrics;
        using MtlSharing.Modules;
        using MtlSharing.Plans;
        using MtlSharing.Training;
        using MtlSharing.Training.Data;
        using MtlSharing.Training.Sampling;
        using MtlSharing.Training.Weighting;
        using TorchSharp;
        using static TorchSharp.torch;

        torch.set_num_threads(2);
        manual_seed(1);

        // TorchVision's own ResNet-18; without its classifier it ends in 512 pooled features.
        using var resnet = torchvision.models.resnet18(num_classes: 10);
        resnet.SetSubmodule("fc", nn.Identity());
        var plan = SharingPlan.For(["a", "b"], _ => nn.Linear(512, 3)).PerTask("layer1");
        using var model = plan.Apply(resnet);

        string[] watched = ["backbone.layer1.0.tasks.a.conv1.weight", "backbone.layer1.0.tasks.b.conv1.weight", "backbone.conv1.weight"];
        var before = watched.ToDictionary(key => key, key => model.state_dict()[key].detach().clone());

        var datasets = new Dictionary<string, ITaskDataset>
        {
            ["a"] = new TensorDataset(randn(4, 3, 32, 32), randint(0, 3, [4])),
            ["b"] = new TensorDataset(randn(4, 3, 32, 32), randint(0, 3, [4])),
        };
        var data = TrainingData.PerTask(datasets, new DataLoaderOptions { BatchSize = 2, Seed = 1 });
        using (var trainer = new MultiTaskTrainer(model, data, new RoundRobinSampler(), new EqualWeighting(), p => optim.SGD(p, 0.01), new TrainerOptions { MaxSteps = 2 }))
        {
            Console.WriteLine($"steps: {trainer.Train().GlobalStep}");
        }

        foreach (var key in watched)
        {
            Console.WriteLine($"changed by training: {key}: {!before[key].allclose(model.state_dict()[key], rtol: 0, atol: 0)}");
        }

        var accuracy = new Accuracy();
        using (var scope = NewDisposeScope())
        {
            model.eval();
            var (inputs, labels) = datasets["b"].Get([0, 1, 2, 3]);
            accuracy.Update(model.forward(inputs, "b"), labels);
        }

        Console.WriteLine($"b samples counted: {accuracy.Count}");
        Console.Write(model.Report().ToText());

        using var features = Backbone.ResNet18(new ResNetOptions { Classes = null });
        Console.WriteLine($"Backbone.ResNet18 without a classifier: {features.parameters().Sum(p => p.numel())}");

        using var world = DistributedWorld.Start();
        Console.WriteLine($"distributed world: {world.Size} process, MPI: {world.UsesMpi}");
        """;
}
