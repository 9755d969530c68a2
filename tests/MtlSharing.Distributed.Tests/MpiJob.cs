using System.Diagnostics;

namespace MtlSharing.Distributed.Tests;

/// <summary>
/// Runs the test host on N ranks with mpirun, with a timeout after which the whole job is killed,
/// so that a hang fails the test instead of stalling the suite.
/// </summary>
internal static class MpiJob
{
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "MtlSharing.Distributed.TestHost.dll");

    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The job's exit code and output.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
    }

    /// <summary>Runs the host's scenario on <paramref name="ranks"/> processes; 0 runs it alone, without mpirun.</summary>
    public static Result Run(int ranks, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(ranks == 0 ? Dotnet : "mpirun")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ranks > 0)
        {
            // As root (CI) mpirun needs --allow-run-as-root; --oversubscribe lets 2+ ranks share 2 cores.
            foreach (var option in new[] { "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), Dotnet })
            {
                info.ArgumentList.Add(option);
            }
        }

        info.ArgumentList.Add(HostDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
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
                throw new TimeoutException($"the job ({string.Join(' ', args)} on {ranks} ranks) did not finish within {timeout.TotalSeconds:F0} s; stdout so far: {stdout.Result}; stderr: {stderr.Result}");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
        }
    }
}
