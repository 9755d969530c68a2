using TorchSharp;
using static TorchSharp.torch;

namespace EngineSpeed;

/// <summary>
/// The benchmark model, mirrored exactly by benchmarks/torch_side/train_small_cnn.py:
/// conv(1→32, 3×3, pad 1) → BN → ReLU → max-pool 2 → conv(32→64, 3×3, pad 1) → BN → ReLU →
/// max-pool 2 → flatten → linear(3136→128) → ReLU → linear(128→10).
/// </summary>
internal static class SmallCnn
{
    public static nn.Module<Tensor, Tensor> Create() => nn.Sequential(
        nn.Conv2d(1, 32, 3, padding: 1),
        nn.BatchNorm2d(32),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding: 1),
        nn.BatchNorm2d(64),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 128),
        nn.ReLU(),
        nn.Linear(128, 10));
}
