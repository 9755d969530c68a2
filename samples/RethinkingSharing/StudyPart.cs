namespace RethinkingSharing;

/// <summary>A part of the study: a setting, the arms it trains and how many seeds.</summary>
/// <param name="Setting">Backbone, width and tasks.</param>
/// <param name="Arms">The arms.</param>
/// <param name="Seeds">Seeds 0 … Seeds − 1, the same for every arm, so runs pair by seed.</param>
internal sealed record StudyPart(StudySetting Setting, IReadOnlyList<Arm> Arms, int Seeds);
