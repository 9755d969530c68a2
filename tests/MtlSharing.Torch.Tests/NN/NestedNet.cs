using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.NN;

/// <summary>A residual block, mirrored by Block in Fixtures/record_module_names.py.</summary>
internal sealed class Block : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly nn.Module<Tensor, Tensor> relu;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;
    private readonly nn.Module<Tensor, Tensor>? downsample;

    public Block(long inChannels, long outChannels, long stride)
        : base(nameof(Block))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        relu = nn.ReLU();
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            downsample = nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var y = relu.call(bn1.call(conv1.call(input)));
        y = bn2.call(conv2.call(y));
        var shortcut = downsample is null ? input : downsample.call(input);
        return relu.call(y + shortcut);
    }
}

/// <summary>A small nested model, mirrored by NestedNet in Fixtures/record_module_names.py.</summary>
internal sealed class NestedNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly Sequential layer1;
    private readonly AdaptiveAvgPool2d pool;
    private readonly Flatten flatten;
    private readonly LayerNorm norm;
    private readonly ModuleDict<Linear> heads;
    private readonly ModuleList<nn.Module> extra;

    public NestedNet()
        : base(nameof(NestedNet))
    {
        register_buffer("scale", full([1], 2.0));
        register_buffer("cache", zeros([2]), persistent: false);
        conv1 = nn.Conv2d(3, 8, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(8);
        relu = nn.ReLU();
        layer1 = nn.Sequential(new Block(8, 8, 1), new Block(8, 16, 2));
        pool = nn.AdaptiveAvgPool2d(1);
        flatten = nn.Flatten();
        norm = nn.LayerNorm(16);
        heads = nn.ModuleDict(("cars", nn.Linear(16, 5)), ("birds", nn.Linear(16, 3)));
        extra = nn.ModuleList<nn.Module>(nn.Linear(16, 16), nn.Dropout(0.1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = relu.call(bn1.call(conv1.call(input)));
        x = norm.call(flatten.call(pool.call(layer1.call(x))));
        return heads["cars"].call(x) * get_buffer("scale");
    }

    private Tensor get_buffer(string name) => named_buffers(recurse: false).Single(b => b.name == name).buffer;
}
