using BenchmarkDotNet.Jobs;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>
/// The suite's own options, <c>--short</c> and <c>--full</c>, taken out of the command line; every
/// other argument goes to BenchmarkDotNet unchanged.
/// </summary>
/// <param name="Matrix">Which suite cases run (the short matrix unless <c>--full</c>).</param>
/// <param name="Job">The short or full job, or null when neither option was given.</param>
/// <param name="BenchmarkArguments">The arguments for BenchmarkDotNet.</param>
public sealed record SuiteCommandLine(SuiteMatrix Matrix, Job? Job, IReadOnlyList<string> BenchmarkArguments)
{
    /// <summary>The option that runs the short matrix with the short job.</summary>
    public const string ShortOption = "--short";

    /// <summary>The option that runs the full matrix with the full job.</summary>
    public const string FullOption = "--full";

    /// <summary>
    /// Reads the command line. With <c>--short</c> or <c>--full</c> and no <c>--filter</c>, the
    /// suite's benchmark is selected, so the run needs no interactive choice.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">Both <c>--short</c> and <c>--full</c> were given.</exception>
    public static SuiteCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var isShort = args.Contains(ShortOption, StringComparer.Ordinal);
        var isFull = args.Contains(FullOption, StringComparer.Ordinal);
        if (isShort && isFull)
        {
            throw new ArgumentException($"give {ShortOption} or {FullOption}, not both", nameof(args));
        }

        var rest = args.Where(a => a is not ShortOption and not FullOption).ToList();
        var hasFilter = rest.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal));
        if ((isShort || isFull) && !hasFilter)
        {
            rest.AddRange(["--filter", "*" + nameof(LayoutSharingBenchmarks) + "*"]);
        }

        return new SuiteCommandLine(
            isFull ? SuiteMatrix.Full : SuiteMatrix.Short,
            isFull ? SuiteConfig.FullJob : isShort ? SuiteConfig.ShortJob : null,
            rest);
    }
}
