using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks;

/// <summary>
/// The intra-op thread count every benchmark sets in its setup. Fixed at 2, the core count of the
/// machine the recorded numbers come from, so results compare across machines and runs rather
/// than following <see cref="Environment.ProcessorCount"/>.
/// </summary>
public static class TorchThreads
{
    /// <summary>libtorch intra-op threads.</summary>
    public const int Count = 2;

    /// <summary>Sets libtorch's intra-op thread count to <see cref="Count"/>.</summary>
    public static void Apply() => set_num_threads(Count);
}
