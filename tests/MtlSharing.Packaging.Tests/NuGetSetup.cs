using System.Security;

namespace MtlSharing.Packaging.Tests;

/// <summary>
/// Where a consumer project's packages come from. MtlSharing packages: only the local feed, restored
/// into a private packages folder (so nothing of this build reaches the machine's own cache). Everything
/// else (TorchSharp-cpu and its ~600 MB libtorch): the machine's global packages folder as a fallback
/// folder, read in place and never copied, then this machine's enabled sources.
/// </summary>
internal sealed class NuGetSetup
{
    public NuGetSetup(string feed, string packagesFolder)
    {
        Feed = feed;
        PackagesFolder = packagesFolder;
        MachinePackagesFolder = FindMachinePackagesFolder();
        Sources = EnabledSources();
    }

    /// <summary>The local feed the MtlSharing packages come from.</summary>
    public string Feed { get; }

    /// <summary>The private global packages folder the consumers restore into.</summary>
    public string PackagesFolder { get; }

    /// <summary>This machine's global packages folder, used read-only as a fallback folder.</summary>
    public string MachinePackagesFolder { get; }

    /// <summary>This machine's enabled package sources, for everything that is not MtlSharing.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>
    /// The environment a consumer build runs in: the same folders as the nuget.config says, so that
    /// variables set on this machine cannot redirect the restore.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["NUGET_FALLBACK_PACKAGES"] = MachinePackagesFolder,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary>The nuget.config of a consumer project.</summary>
    public string Config()
    {
        var sources = string.Join("\n", Sources.Select((s, i) => $"""    <add key="source{i}" value="{SecurityElement.Escape(s)}" />"""));
        var mappings = string.Join("\n", Sources.Select((_, i) => $"""    <packageSource key="source{i}"><package pattern="*" /></packageSource>"""));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{SecurityElement.Escape(PackagesFolder)}" />
              </config>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{SecurityElement.Escape(MachinePackagesFolder)}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{SecurityElement.Escape(Feed)}" />
            {sources}
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="MtlSharing" />
                  <package pattern="MtlSharing.*" />
                </packageSource>
            {mappings}
              </packageSourceMapping>
            </configuration>
            """;
    }

    private static string FindMachinePackagesFolder()
    {
        var result = Command.Run("dotnet", ["nuget", "locals", "global-packages", "--list"], Path.GetTempPath());
        var parts = result.Output.Trim().Split(": ", 2);
        if (result.ExitCode != 0 || parts.Length != 2)
        {
            throw new InvalidOperationException("dotnet nuget locals global-packages --list did not name the folder\n" + result.Describe());
        }

        return parts[1].Trim();
    }

    private static List<string> EnabledSources()
    {
        var result = Command.Run("dotnet", ["nuget", "list", "source", "--format", "short"], Path.GetTempPath());
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();
    }
}
