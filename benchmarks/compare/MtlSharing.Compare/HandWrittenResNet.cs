using MtlSharing.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// The reference a .NET user writes without MtlSharing: a multi-task ResNet-18 (small-image or
/// torchvision's standard stem) built by hand in TorchSharp, one branch per task. Each branch is a
/// <c>Sequential</c> of the nine blocks, average pooling, flattening and the task's own
/// <c>Linear(512, classes)</c> head; a shared block is the same module object in every branch (so
/// its parameters exist and are updated once), a task-specific block is the task's own copy.
/// Training runs each task's batch through its branch in turn, sums the losses and takes one SGD
/// step (<see cref="TrainingBenchmark"/>).
/// </summary>
/// <remarks>
/// The blocks are those of <c>torchvision.models.resnet18()</c> (TorchVision's BasicBlocks, as
/// MtlSharing's ResNet uses). The standard stem is that network's own (7×7 stride-2 conv1, bn1,
/// relu and max-pool); the small-image stem replaces the convolution by a 3×3 stride-1 one and
/// drops the max-pool, as in pytorch_side.py. TorchSharp has no deep copy of a module, so a
/// task's copy of a block comes from a ResNet-18 built for that task, as a user would build it.
/// Parameter counts equal MtlSharing's model of the same layout (compare.sh checks it).
/// </remarks>
internal sealed class HandWrittenResNet : nn.Module<Tensor, string, Tensor>
{
    private const int Features = 512;

    private readonly TorchSharp.Modules.ModuleDict<nn.Module<Tensor, Tensor>> branches;

    public HandWrittenResNet(IReadOnlyList<string> tasks, int classes, Layout layout, Stem stem)
        : base(nameof(HandWrittenResNet))
    {
        var shared = ResNet18Blocks(stem);
        var specific = layout.SpecificBlocks(shared.Count).ToHashSet();
        var sharedUsed = new bool[shared.Count];
        branches = nn.ModuleDict<nn.Module<Tensor, Tensor>>();
        foreach (var task in tasks)
        {
            var own = specific.Count > 0 ? ResNet18Blocks(stem) : null;
            var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (var i = 0; i < shared.Count; i++)
            {
                if (specific.Contains(i))
                {
                    layers.Add(($"block{i}", own![i].Module));
                }
                else
                {
                    layers.Add(($"block{i}", shared[i].Module));
                    sharedUsed[i] = true;
                    own?[i].Module.Dispose();
                }
            }

            layers.Add(("avgpool", nn.AdaptiveAvgPool2d(1)));
            layers.Add(("flatten", nn.Flatten()));
            layers.Add(("head", nn.Linear(Features, classes)));
            branches.Add(task, nn.Sequential(layers));
        }

        for (var i = 0; i < shared.Count; i++)
        {
            if (!sharedUsed[i])
            {
                shared[i].Module.Dispose();
            }
        }

        BlockPaths = [.. shared.Select(b => b.Paths)];
        RegisterComponents();
    }

    /// <summary>The module paths of each block in torchvision's ResNet-18, as pytorch_side.py lists them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BlockPaths { get; }

    /// <summary>One task's batch through the task's branch.</summary>
    public override Tensor forward(Tensor input, string task) => branches[task].call(input);

    /// <summary>
    /// The nine blocks of a fresh <c>torchvision.models.resnet18()</c>: the stem, then layer1.0 …
    /// layer4.1. The standard stem is the network's conv1, bn1, relu and maxpool; the small-image
    /// stem is a new 3×3 stride-1 conv1 (initialised as torchvision initialises convolutions), bn1
    /// and relu. The rest of that network (pooling, fc, and with the small stem its 7×7 conv1 and
    /// max-pool) is disposed; the ResNet object itself is not, since that would dispose the blocks
    /// taken from it.
    /// </summary>
    private static List<(IReadOnlyList<string> Paths, nn.Module<Tensor, Tensor> Module)> ResNet18Blocks(Stem stem)
    {
        var resnet = torchvision.models.resnet18();
        var children = resnet.named_children().ToDictionary(c => c.name, c => c.module);
        var unused = new List<string> { "avgpool", "flatten", "fc" };
        List<(string Name, nn.Module<Tensor, Tensor> Module)> stemModules;
        if (stem == Stem.SmallImage)
        {
            var conv1 = nn.Conv2d(3, 64, 3, stride: 1, padding: 1, bias: false);
            nn.init.kaiming_normal_(conv1.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            stemModules = [("conv1", conv1), ("bn1", Child(children, "bn1")), ("relu", Child(children, "relu"))];
            unused.AddRange(["conv1", "maxpool"]);
        }
        else
        {
            stemModules = [.. new[] { "conv1", "bn1", "relu", "maxpool" }.Select(name => (name, Child(children, name)))];
        }

        var blocks = new List<(IReadOnlyList<string>, nn.Module<Tensor, Tensor>)>
        {
            ([.. stemModules.Select(m => m.Name)], nn.Sequential(stemModules)),
        };
        for (var layer = 1; layer <= 4; layer++)
        {
            foreach (var (index, block) in children[$"layer{layer}"].named_children())
            {
                blocks.Add(([$"layer{layer}.{index}"], (nn.Module<Tensor, Tensor>)block));
            }
        }

        foreach (var name in unused)
        {
            children[name].Dispose();
        }

        return blocks;
    }

    private static nn.Module<Tensor, Tensor> Child(Dictionary<string, nn.Module> children, string name) =>
        (nn.Module<Tensor, Tensor>)children[name];
}
