using System.Diagnostics;

namespace MtlSharing.Training.Tests.Checkpoints;

/// <summary>Runs the MtlSharing.Training.TestHost program (copied next to the tests) in a child process.</summary>
internal static class TestHostProcess
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "MtlSharing.Training.TestHost.dll");

    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Starts the program; the caller reads its output and waits for it.</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {Dotnet} {HostDll}");
    }

    /// <summary>Runs the program to its end and returns its standard output; fails the test if it fails.</summary>
    public static string Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill();
            throw new TimeoutException($"the test host ({string.Join(' ', args)}) did not finish within {Patience}");
        }

        process.ExitCode.Should().Be(0, $"the test host ({string.Join(' ', args)}) should succeed; its error output was: {error.Result}");
        return output.Result;
    }
}
