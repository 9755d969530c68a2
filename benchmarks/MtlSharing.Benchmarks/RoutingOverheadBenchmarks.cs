using BenchmarkDotNet.Attributes;
using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks;

/// <summary>
/// What routing costs: forward plus backward of one task's batch through a FullyShared
/// multi-task model, against the bare backbone with the same head. Target: at most 2% slower.
/// </summary>
[MemoryDiagnoser]
public class RoutingOverheadBenchmarks
{
    private nn.Module<Tensor, Tensor> bare = null!;
    private nn.Module<Tensor, Tensor> bareHead = null!;
    private MultiTaskModel shared = null!;
    private Tensor input = null!;
    private Tensor target = null!;

    /// <summary>The backbone: the small CNN at 28×28 or ResNet-18 (small-image stem) at 32×32.</summary>
    [Params("SmallCnn", "ResNet18")]
    public string BackboneName { get; set; } = "SmallCnn";

    /// <summary>Builds both models from the same weights and one batch of 32.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchThreads.Apply();

        // Both models are built fresh from the same seed (not one cloned from the other), so
        // they hold equal weights in equally fresh storage.
        (bare, bareHead) = Build(out var inputShape);
        var (backbone, head) = Build(out _);
        var features = ((IBackbone)backbone).FeatureCount;
        head.Dispose();
        shared = SharingPresets.FullyShared(["a", "b", "c", "d"], _ => nn.Linear(features, 10)).Apply(backbone);
        input = randn(inputShape);
        target = randint(0, 10, [32]);
    }

    private (nn.Module<Tensor, Tensor> Backbone, nn.Module<Tensor, Tensor> Head) Build(out long[] inputShape)
    {
        manual_seed(0);
        nn.Module<Tensor, Tensor> backbone = BackboneName == "ResNet18"
            ? Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null })
            : Backbone.SmallCnn(new SmallCnnOptions { Classes = null, InputChannels = 1 });
        inputShape = BackboneName == "ResNet18" ? [32, 3, 32, 32] : [32, 1, 28, 28];
        return (backbone, nn.Linear(((IBackbone)backbone).FeatureCount, 10));
    }

    /// <summary>The bare backbone and head.</summary>
    [Benchmark(Baseline = true)]
    public float Bare()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(bareHead.call(bare.call(input)), target);
        loss.backward();
        return loss.ToSingle();
    }

    /// <summary>The same through the multi-task model's routing.</summary>
    [Benchmark]
    public float FullyShared()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(shared.forward(input, "b"), target);
        loss.backward();
        return loss.ToSingle();
    }

    /// <summary>Releases the models.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        bare.Dispose();
        bareHead.Dispose();
        shared.Dispose();
        input.Dispose();
        target.Dispose();
    }
}
