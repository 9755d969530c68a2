namespace RethinkingSharing;

/// <summary>A part with its plans decided: the arms that run, each with its seed count, and notes on the arms that do not.</summary>
/// <param name="Part">The part as the options define it.</param>
/// <param name="Runnable">The arms that run, in the part's order, with seeds 0 … Seeds − 1 each.</param>
/// <param name="Notes">Why the other arms do not run.</param>
internal sealed record ResolvedPart(StudyPart Part, IReadOnlyList<(Arm Arm, int Seeds)> Runnable, IReadOnlyList<string> Notes)
{
    public int RunCount => Runnable.Sum(a => a.Seeds);

    /// <summary>
    /// Bottom and top arms whose counterpart (the other side at the same budget point and regime)
    /// also runs are a bottom–top comparison and get the part's <see cref="StudyPart.Seeds"/>; every
    /// other arm gets its <see cref="StudyPart.ReferenceSeeds"/>.
    /// </summary>
    public static ResolvedPart From(StudyPart part, IReadOnlyList<Arm> runnable, IReadOnlyList<string> notes)
    {
        bool Compared(Arm arm) => arm.Kind is ArmKind.Bottom or ArmKind.Top && runnable.Any(other =>
            other.Kind == (arm.Kind == ArmKind.Bottom ? ArmKind.Top : ArmKind.Bottom) && other.Budget == arm.Budget && other.Regime == arm.Regime);
        return new ResolvedPart(part, [.. runnable.Select(arm => (arm, Compared(arm) ? part.Seeds : part.ReferenceSeeds))], notes);
    }
}
