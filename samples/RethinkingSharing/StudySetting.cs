namespace RethinkingSharing;

/// <summary>
/// One setting of the study: the part it belongs to, the backbone and its width, and the tasks.
/// Arms are compared only within a setting.
/// </summary>
/// <param name="Part">budgets, tasks or backbones.</param>
/// <param name="Backbone">resnet18 or mobilenetv2.</param>
/// <param name="Width">The backbone's width (ResNet base width; MobileNetV2: 32 × its multiplier).</param>
/// <param name="Tasks">The domains, in order.</param>
internal sealed record StudySetting(string Part, string Backbone, int Width, IReadOnlyList<string> Tasks)
{
    public int TaskCount => Tasks.Count;

    /// <summary>E.g. "budgets/resnet18/T4".</summary>
    public string Key => $"{Part}/{Backbone}/T{TaskCount}";

    /// <summary>What a run's training depends on besides its arm and seed; runs that agree on it are the same run.</summary>
    public string TrainingKey => $"{Backbone}/w{Width}/{string.Join('+', Tasks)}";

    public bool Equals(StudySetting? other) => other is not null && Key == other.Key && Width == other.Width && Tasks.SequenceEqual(other.Tasks);

    public override int GetHashCode() => HashCode.Combine(Key, Width);
}
