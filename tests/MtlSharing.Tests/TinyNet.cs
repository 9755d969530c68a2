using MtlSharing.Selectors;
using TorchSharp.Modules;

namespace MtlSharing.Tests;

/// <summary>
/// A small residual CNN that publishes three blocks: stem (conv 3→4, BN, ReLU), a residual block
/// (two 3×3 convs with BN and a skip connection) and a downsampling block (conv 4→8 stride 2, BN,
/// ReLU), then global average pooling to 8 features.
/// </summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>, IBlockStructured
{
    private readonly nn.Module<Tensor, Tensor> stem;
    private readonly nn.Module<Tensor, Tensor> block1;
    private readonly nn.Module<Tensor, Tensor> block2;
    private readonly nn.Module<Tensor, Tensor> pool;

    public TinyNet()
        : base(nameof(TinyNet))
    {
        stem = nn.Sequential(nn.Conv2d(3, 4, 3, padding: 1), nn.BatchNorm2d(4), nn.ReLU());
        block1 = new ResidualBlock(4);
        block2 = nn.Sequential(nn.Conv2d(4, 8, 3, stride: 2, padding: 1), nn.BatchNorm2d(8), nn.ReLU());
        pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten());
        RegisterComponents();
    }

    // Parameters: stem conv 3*4*9+4 = 112, bn 8; block1: two convs 4*4*9+4 = 148 each, two bns 8 each;
    // block2: conv 4*8*9+8 = 296, bn 16. Total 112+8+148+8+148+8+296+16 = 744.
    public const long ParameterCount = 744;

    public const long FeatureCount = 8;

    public IReadOnlyList<IReadOnlyList<string>> Blocks { get; } = [["stem"], ["block1"], ["block2"]];

    public override Tensor forward(Tensor input) => pool.call(block2.call(block1.call(stem.call(input))));
}

/// <summary>conv → BN → ReLU → conv → BN, plus the input, then ReLU.</summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> bn1;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor> bn2;

    public ResidualBlock(long channels)
        : base(nameof(ResidualBlock))
    {
        conv1 = nn.Conv2d(channels, channels, 3, padding: 1);
        bn1 = nn.BatchNorm2d(channels);
        conv2 = nn.Conv2d(channels, channels, 3, padding: 1);
        bn2 = nn.BatchNorm2d(channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var h = nn.functional.relu(bn1.call(conv1.call(input)));
        return nn.functional.relu(bn2.call(conv2.call(h)) + input);
    }
}
