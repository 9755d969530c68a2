using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MtlSharing.Benchmarks.Tests;

/// <summary>
/// Runs benchmarks/Distributed (copied next to the tests) alone or on N ranks with mpirun, with a
/// timeout after which the whole job is killed, and returns its one result line.
/// </summary>
internal static class DistributedBenchJob
{
    private static string BenchDll => Path.Combine(AppContext.BaseDirectory, "MtlSharing.DistributedBench.dll");

    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs the benchmark on <paramref name="ranks"/> processes (1 runs it alone, without mpirun) and parses the line rank 0 prints.</summary>
    public static JsonElement Run(int ranks, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(ranks == 1 ? Dotnet : "mpirun")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // mpirun gives the ranks a terminal for stdout, where .NET would first write the terminal's
        // keypad sequence; a dumb terminal has none.
        info.Environment["TERM"] = "dumb";
        if (ranks > 1)
        {
            foreach (var option in new[] { "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(CultureInfo.InvariantCulture), Dotnet })
            {
                info.ArgumentList.Add(option);
            }
        }

        info.ArgumentList.Add(BenchDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("mpirun is not installed; ./build.sh test installs it (Debian: apt-get install openmpi-bin libopenmpi-dev)", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"the benchmark ({string.Join(' ', args)} on {ranks} ranks) did not finish within {timeout.TotalSeconds:F0} s; stdout so far: {stdout.Result}; stderr: {stderr.Result}");
            }

            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            process.ExitCode.Should().Be(0, $"the benchmark should succeed; stdout: {stdout.Result}; stderr: {stderr.Result}");
            lines.Should().ContainSingle($"one layout gives one line; stderr: {stderr.Result}");
            return JsonDocument.Parse(lines[0]).RootElement.Clone();
        }
    }
}
