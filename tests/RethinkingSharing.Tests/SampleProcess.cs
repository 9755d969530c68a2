using System.Diagnostics;

namespace RethinkingSharing.Tests;

/// <summary>What one run of the sample printed and returned.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything written to standard output.</param>
/// <param name="Stderr">Everything written to standard error.</param>
public sealed record SampleOutput(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the built sample (copied next to this assembly by the project reference) as a child process.</summary>
public static class SampleProcess
{
    /// <summary>The sample's assembly beside the test assembly.</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "RethinkingSharing.dll");

    /// <summary>Runs <c>dotnet RethinkingSharing.dll args</c> with extra environment variables and kills it after the timeout.</summary>
    public static SampleOutput Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        File.Exists(Assembly).Should().BeTrue($"the project reference copies the sample to {Assembly}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"the sample did not finish within {timeoutSeconds} s: dotnet {string.Join(" ", start.ArgumentList)}");
        }

        process.WaitForExit();
        return new SampleOutput(process.ExitCode, stdout.Result, stderr.Result);
    }
}
