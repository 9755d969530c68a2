using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>The arithmetic of the study's forward passes and losses: plain float32, or bfloat16 under autocast.</summary>
/// <param name="Name">fp32 or bf16, as given to <c>--autocast</c> and written to the result files.</param>
internal sealed record Precision(string Name)
{
    public static readonly string[] Names = ["fp32", "bf16"];

    public static Precision Fp32 { get; } = new("fp32");

    /// <summary>The type the trainer's autocast uses, or null for float32.</summary>
    public ScalarType? Autocast => Name == "bf16" ? ScalarType.BFloat16 : null;

    /// <summary>One line for the console and results.md.</summary>
    public string Description => Autocast is null
        ? "fp32 (float32 throughout)"
        : "bf16 (forward passes and losses under torch.autocast in bfloat16; weights, gradients and optimizer in float32)";

    /// <summary>Reads an <c>--autocast</c> value, ignoring case.</summary>
    public static Precision Parse(string text) =>
        Names.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? new Precision(name)
            : throw new ArgumentException($"unknown --autocast value '{text}'; valid values are {string.Join(", ", Names)}");

    /// <summary>
    /// Reads a comma-separated <c>--autocast</c> list such as <c>fp32,bf16</c>: each precision once,
    /// float32 first, so a comparison always runs the reference before the candidate.
    /// </summary>
    public static IReadOnlyList<Precision> ParseList(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries).Select(n => Parse(n).Name).ToHashSet(StringComparer.Ordinal);
        return Names.Where(names.Contains).Select(n => new Precision(n)).ToList();
    }
}
