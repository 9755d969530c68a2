using System.Globalization;
using MtlSharing.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// Measures a backbone's per-block costs by running one sample through it with forward hooks on
/// every Conv2d and Linear layer (see <see cref="CostReport"/> for the counting convention).
/// </summary>
internal static class CostMeter
{
    private const string HeadRow = "head";

    public static CostReport Measure(nn.Module<Tensor, Tensor> model, IBackbone backbone, long[] sampleShape)
    {
        var groups = backbone.Blocks.Select((paths, i) => (Name: i.ToString(CultureInfo.InvariantCulture), Paths: paths)).ToList();
        if (backbone.Classes is not null)
        {
            groups.Add((HeadRow, [backbone.HeadName]));
        }

        var owners = Owners(model, groups.Select(g => g.Paths).ToList());
        var multiplyAdds = new long[groups.Count];
        var outputs = new long[groups.Count][];
        var total = 0L;
        var hooks = new List<Action>();
        try
        {
            foreach (var module in model.modules())
            {
                if (module is Conv2d or Linear)
                {
                    var layer = (nn.Module<Tensor, Tensor>)module;
                    var handle = layer.register_forward_hook((m, _, output) =>
                    {
                        var count = LayerMultiplyAdds(m, output);
                        total += count;
                        if (owners.TryGetValue(m, out var owner))
                        {
                            multiplyAdds[owner] += count;
                        }

                        return null!;
                    });
                    hooks.Add(handle.remove);
                }
            }

            for (var g = 0; g < groups.Count; g++)
            {
                var index = g;
                var last = (nn.Module<Tensor, Tensor>)model.GetSubmodule(groups[g].Paths[^1]);
                var handle = last.register_forward_hook((_, _, output) =>
                {
                    outputs[index] = output.shape[1..];
                    return null!;
                });
                hooks.Add(handle.remove);
            }

            RunOnce(model, sampleShape);
        }
        finally
        {
            hooks.ForEach(remove => remove());
        }

        var rows = groups.Select((g, i) => new BlockCost(g.Name, g.Paths, outputs[i] ?? [], Parameters(model, g.Paths), multiplyAdds[i])).ToList();
        var head = backbone.Classes is null ? null : rows[^1];
        var blocks = backbone.Classes is null ? rows : rows[..^1];
        var totalParameters = model.parameters().Sum(p => p.numel());
        return new CostReport(backbone.Title, sampleShape, blocks, head, totalParameters, total);
    }

    private static long LayerMultiplyAdds(nn.Module module, Tensor output) => module switch
    {
        Conv2d conv => output.numel() * (conv.in_channels / conv.groups) * conv.kernel_size.Aggregate(1L, (a, b) => a * b),
        Linear linear => output.numel() * linear.in_features,
        _ => 0,
    };

    private static Dictionary<nn.Module, int> Owners(nn.Module model, List<IReadOnlyList<string>> groups)
    {
        var owners = new Dictionary<nn.Module, int>(ReferenceEqualityComparer.Instance);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var (_, module) in groups[g].SelectMany(path => model.GetSubmodule(path).NamedModulesDepthFirst()))
            {
                owners.TryAdd(module, g);
            }
        }

        return owners;
    }

    private static long Parameters(nn.Module model, IReadOnlyList<string> paths) =>
        paths.SelectMany(path => model.GetSubmodule(path).parameters())
            .Distinct(ReferenceEqualityComparer.Instance)
            .Sum(p => ((Tensor)p!).numel());

    /// <summary>
    /// One forward pass of a zero batch of size 1 on the model's device and in its dtype, in
    /// evaluation mode and without gradients; each module's mode is restored. The forward pass
    /// checks the shape.
    /// </summary>
    private static void RunOnce(nn.Module<Tensor, Tensor> model, long[] sampleShape)
    {
        var modes = model.NamedModulesDepthFirst().Select(m => (m.Module, Training: m.Module.training)).ToList();
        try
        {
            model.eval();
            using var scope = NewDisposeScope();
            using (no_grad())
            {
                model.call(zeros([1, .. sampleShape], dtype: DTypeOf(model), device: DeviceOf(model)));
            }
        }
        finally
        {
            // Pre-order, and evaluated lazily: a parent's train(mode) resets its children, which are visited after it.
            foreach (var (module, training) in modes.Where(m => m.Module.training != m.Training))
            {
                module.train(training);
            }
        }
    }

    private static Device DeviceOf(nn.Module model) => model.parameters().FirstOrDefault()?.device ?? CPU;

    private static ScalarType DTypeOf(nn.Module model) => model.parameters().FirstOrDefault()?.dtype ?? ScalarType.Float32;
}
