using MtlSharing.Benchmarks.Suite;

namespace MtlSharing.Benchmarks.Overhead;

/// <summary>One model the overhead table counts: a backbone, a layout and a number of tasks.</summary>
/// <param name="Backbone">The backbone.</param>
/// <param name="Layout">The layout.</param>
/// <param name="Tasks">T.</param>
public sealed record OverheadCase(SuiteBackbone Backbone, Layout Layout, int Tasks);
