namespace MtlSharing.Selectors;

/// <summary>
/// A backbone that publishes its ordered blocks, bottom (input side) first. Each block is one or
/// more module paths; presets such as bottom-specific(k) address blocks by index.
/// </summary>
public interface IBlockStructured
{
    /// <summary>The blocks, bottom first; each lists the module paths that form it.</summary>
    IReadOnlyList<IReadOnlyList<string>> Blocks { get; }
}
