using MtlSharing.Tests.Shared;

namespace MtlSharing.Distributed.Tests;

/// <summary>Runs the test host (copied next to the tests) on N ranks with mpirun, or alone.</summary>
internal static class MpiJob
{
    /// <summary>Runs the host's scenario on <paramref name="ranks"/> processes; 0 runs it alone, without mpirun.</summary>
    public static MpiLaunch.Result Run(int ranks, TimeSpan timeout, params string[] args) =>
        MpiLaunch.Run("MtlSharing.Distributed.TestHost.dll", ranks, timeout, args);
}
