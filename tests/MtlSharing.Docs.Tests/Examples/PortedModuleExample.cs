#region port-module
using MtlSharing.Torch;
using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;
#endregion
using MtlSharing.Plans;

namespace MtlSharing.Docs.Tests.Examples;

#region port-module
/// <summary>A small network written as for TorchSharp; only the using lines differ.</summary>
public sealed class TinyClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly nn.Module<Tensor, Tensor> fc;    // this type lets a plan swap it for a task switch

    public TinyClassifier(long inputChannels, long classes) : base(nameof(TinyClassifier))
    {
        features = nn.Sequential(
            ("conv", nn.Conv2d(inputChannels, 16, kernelSize: 3, padding: 1)),
            ("bn", nn.BatchNorm2d(16)),
            ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()));
        fc = nn.Linear(16, classes);
        RegisterComponents();                  // registers the fields as "features" and "fc"
    }

    public override Tensor forward(Tensor input)
    {
        using var hidden = features.call(input);
        return fc.call(hidden);
    }
}
#endregion

/// <summary>docs/coming-from-torchsharp.md: the ported module builds, names its parameters as in PyTorch, trains and plugs into a plan.</summary>
public sealed class PortedModuleExample
{
    [Fact]
    public void The_ported_module_works_like_its_TorchSharp_original()
    {
        manual_seed(0);
        using var model = new TinyClassifier(3, 5);
        model.named_parameters().Select(p => p.name)
            .Should().Equal("features.conv.weight", "features.conv.bias", "features.bn.weight", "features.bn.bias", "fc.weight", "fc.bias");
        model.state_dict().Keys.Should().Contain(["features.bn.running_mean", "features.bn.num_batches_tracked"]);

        using var scope = NewDisposeScope();
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        var input = randn([8, 3, 6, 6]);
        var labels = randint(0, 5, [8]);
        var before = nn.functional.cross_entropy(model.call(input), labels).item<double>();
        for (var step = 0; step < 20; step++)
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(input), labels).backward();
            optimizer.step();
        }

        nn.functional.cross_entropy(model.call(input), labels).item<double>().Should().BeLessThan(before);
    }

    [Fact]
    public void The_ported_module_is_a_backbone_for_a_plan()
    {
        manual_seed(0);
        using var multiTask = SharingPlan.For(["a", "b"], _ => nn.Linear(5, 2))
            .PerTask("features.bn")
            .PerTask("fc")
            .Apply(new TinyClassifier(3, 5));
        multiTask.Switches.Select(s => s.Path).Should().Equal("features.bn", "fc");
        using var scope = NewDisposeScope();
        multiTask.forward(randn([4, 3, 6, 6]), "b").shape.Should().Equal(4, 2);

        using var other = new TinyClassifier(3, 5);
        FluentActions.Invoking(() => SharingPlan.For(["a", "b"], _ => nn.Linear(5, 2)).PerTask("features").Apply(other))
            .Should().Throw<ArgumentException>("a field typed Sequential cannot hold a task switch");
    }
}
