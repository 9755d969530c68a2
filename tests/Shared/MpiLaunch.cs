using System.Diagnostics;
using System.Globalization;

namespace MtlSharing.Tests.Shared;

/// <summary>
/// Runs a .NET program (a dll next to the tests) alone or on N ranks with mpirun, with a timeout
/// after which the whole job is killed, so that a hang fails the test instead of stalling the
/// suite. Shared by the test projects that start distributed jobs (linked source).
/// </summary>
internal static class MpiLaunch
{
    /// <summary>The job's exit code and output.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
    }

    /// <summary>Runs <paramref name="dll"/> on <paramref name="ranks"/> processes; 0 runs it alone, without mpirun.</summary>
    public static Result Run(string dll, int ranks, TimeSpan timeout, IEnumerable<string> args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(ranks == 0 ? dotnet : "mpirun")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // mpirun gives the ranks a terminal for stdout, where .NET would first write the terminal's
        // keypad sequence; a dumb terminal has none.
        info.Environment["TERM"] = "dumb";
        if (ranks > 0)
        {
            // As root (CI) mpirun needs --allow-run-as-root; --oversubscribe lets 2+ ranks share 2 cores.
            foreach (var option in new[] { "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(CultureInfo.InvariantCulture), dotnet })
            {
                info.ArgumentList.Add(option);
            }
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
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
                throw new TimeoutException($"{dll} {string.Join(' ', args)} on {ranks} ranks did not finish within {timeout.TotalSeconds:F0} s; stdout so far: {stdout.Result}; stderr: {stderr.Result}");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
        }
    }
}
