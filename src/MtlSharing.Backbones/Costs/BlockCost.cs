namespace MtlSharing.Backbones;

/// <summary>What one block (or the head) of a backbone costs for one sample.</summary>
/// <param name="Name">The block's index as text ("0", "1", …) or "head".</param>
/// <param name="Paths">The module paths that form the block.</param>
/// <param name="OutputShape">The shape its last module returns for one sample, without the batch dimension.</param>
/// <param name="Parameters">The number of parameters of its modules, each counted once.</param>
/// <param name="MultiplyAdds">The multiply-adds of its Conv2d and Linear layers for one sample (see <see cref="CostReport"/>).</param>
public sealed record BlockCost(string Name, IReadOnlyList<string> Paths, IReadOnlyList<long> OutputShape, long Parameters, long MultiplyAdds);
