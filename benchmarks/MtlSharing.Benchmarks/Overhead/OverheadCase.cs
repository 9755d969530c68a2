using MtlSharing.Benchmarks.Suite;
using MtlSharing.Plans;

namespace MtlSharing.Benchmarks.Overhead;

/// <summary>One model the overhead table counts: a backbone, a layout and a number of tasks.</summary>
/// <param name="Backbone">The backbone.</param>
/// <param name="Layout">The layout's kind; <see cref="SuiteLayouts.For"/> makes the layout for the backbone.</param>
/// <param name="Tasks">T.</param>
public sealed record OverheadCase(SuiteBackbone Backbone, LayoutKind Layout, int Tasks);
