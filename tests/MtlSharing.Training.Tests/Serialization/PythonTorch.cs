using System.Diagnostics;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>
/// Finds a Python interpreter that can import PyTorch (the system one first, where Debian's
/// python3-torch lives, then whichever python3 is on PATH) and runs scripts with it.
/// </summary>
internal static class PythonTorch
{
    private static readonly string[] Candidates = ["/usr/bin/python3", "python3"];

    private static readonly Lazy<string?> Found = new(() => Candidates.FirstOrDefault(CanImportTorch));

    /// <summary>The interpreter, or null when none can import torch.</summary>
    public static string? Executable => Found.Value;

    /// <summary>Runs a script with the interpreter and returns its standard output; throws if it fails.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var python = Executable ?? throw new InvalidOperationException("no Python interpreter with PyTorch was found");
        var (exitCode, output, error) = Execute(python, [script, .. arguments], TimeSpan.FromMinutes(2));
        return exitCode == 0 ? output : throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited with {exitCode}:\n{error}");
    }

    private static bool CanImportTorch(string python)
    {
        try
        {
            return Execute(python, ["-c", "import torch"], TimeSpan.FromMinutes(1)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static (int ExitCode, string Output, string Error) Execute(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
