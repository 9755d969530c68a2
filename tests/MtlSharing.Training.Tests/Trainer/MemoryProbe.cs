using System.Diagnostics;
using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Training.TestHost;

namespace MtlSharing.Training.Tests.Trainer;

/// <summary>What the memory-flatness tests share: a model wide enough that leaked temporaries show, and the process's resident memory.</summary>
internal static class MemoryProbe
{
    /// <summary>
    /// The tiny tasks with a 6 → 512 → 512 backbone (about 270,000 parameters): each step makes about
    /// a megabyte of temporaries (activations, gradients, momentum), so thousands of undisposed steps
    /// would add gigabytes.
    /// </summary>
    public static MultiTaskModel WideModel()
    {
        manual_seed(7);
        var backbone = nn.Sequential(nn.Linear(TinyScenario.Features, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU());
        return SharingPlan.For(TinyScenario.Tasks, t => nn.Linear(512, TinyScenario.Classes(t))).Apply(backbone);
    }

    /// <summary>The process's resident memory after a full garbage collection, so finalised tensors are gone.</summary>
    public static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
