namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>Receives progress events on the reporting thread (unlike Progress&lt;T&gt;, which posts them), keeps them, and optionally acts on each.</summary>
internal sealed class RecordingProgress(Action<TrainingProgress>? onEvent = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Events { get; } = [];

    public void Report(TrainingProgress value)
    {
        Events.Add(value);
        onEvent?.Invoke(value);
    }
}
