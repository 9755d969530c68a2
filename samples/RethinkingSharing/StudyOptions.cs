namespace RethinkingSharing;

/// <summary>What the study runs: tasks, layouts, budgets, seeds and training settings.</summary>
internal sealed record StudyOptions
{
    public required IReadOnlyList<string> Tasks { get; init; }

    public required IReadOnlyList<string> Layouts { get; init; }

    public required IReadOnlyList<double> Budgets { get; init; }

    public required int Seeds { get; init; }

    public required int Epochs { get; init; }

    public required string Backbone { get; init; }

    public required int Width { get; init; }

    public required int TrainPerTask { get; init; }

    public required int TestPerTask { get; init; }

    public required string Out { get; init; }

    public required int Threads { get; init; }

    /// <summary>float32, or bfloat16 mixed precision for forward passes and losses.</summary>
    public Precision Precision { get; init; } = Precision.Fp32;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>The quick mode that ./build.sh demo runs: minutes, not half an hour.</summary>
    public static StudyOptions Quick(string @out, int threads) => new()
    {
        Tasks = DomainTasks.Names,
        Layouts = LayoutSpec.Kinds,
        Budgets = [0.10],
        Seeds = 3,
        Epochs = 2,
        Backbone = "resnet18",
        Width = 8,
        TrainPerTask = 1500,
        TestPerTask = 500,
        Out = @out,
        Threads = threads,
    };

    /// <summary>The full study: three budgets, more data and a wider network.</summary>
    public static StudyOptions Full(string @out, int threads) => Quick(@out, threads) with
    {
        Budgets = [0.02, 0.10, 0.30],
        Width = 16,
        TrainPerTask = 3000,
        TestPerTask = 1000,
    };
}
