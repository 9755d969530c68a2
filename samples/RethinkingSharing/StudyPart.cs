namespace RethinkingSharing;

/// <summary>A part of the study: a setting, the arms it trains and how many seeds.</summary>
/// <param name="Setting">Backbone, width and tasks.</param>
/// <param name="Arms">The arms.</param>
/// <param name="Seeds">Seeds of the arms in a bottom–top comparison: 0 … Seeds − 1, the same for every arm, so runs pair by seed.</param>
/// <param name="ReferenceSeeds">Seeds of every other arm (independent, shared, norm-only, shared-uncertainty, and a side whose counterpart cannot be matched): 0 … ReferenceSeeds − 1, so they pair with the first seeds of the compared arms.</param>
internal sealed record StudyPart(StudySetting Setting, IReadOnlyList<Arm> Arms, int Seeds, int ReferenceSeeds)
{
    /// <summary>A part whose every arm runs the same seeds.</summary>
    public StudyPart(StudySetting setting, IReadOnlyList<Arm> arms, int seeds)
        : this(setting, arms, seeds, seeds)
    {
    }
}
