namespace RethinkingSharing;

/// <summary>What the study runs: its parts, their layouts, budgets, regimes and seeds, and the training settings.</summary>
internal sealed record StudyOptions
{
    /// <summary>The parts to run: budgets, tasks and/or backbones.</summary>
    public required IReadOnlyList<string> Parts { get; init; }

    /// <summary>The domains of the budgets and backbones parts (T = their count).</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>The layouts of the budgets part.</summary>
    public required IReadOnlyList<ArmKind> Layouts { get; init; }

    /// <summary>The budget points of the budgets part.</summary>
    public required IReadOnlyList<BudgetPoint> Budgets { get; init; }

    /// <summary>The BatchNorm regimes every part runs.</summary>
    public required IReadOnlyList<NormRegime> Regimes { get; init; }

    /// <summary>Seeds of the budgets part's arms in a bottom–top comparison.</summary>
    public required int Seeds { get; init; }

    /// <summary>Seeds of the budgets part's other arms (independent, shared, norm-only, shared-uncertainty, and a side whose counterpart cannot be matched); null: <see cref="Seeds"/>.</summary>
    public int? ReferenceSeeds { get; init; }

    /// <summary>The task counts of the tasks part: the first T domains.</summary>
    public IReadOnlyList<int> TaskCounts { get; init; } = [2, 4, 8];

    /// <summary>The budget points of the tasks and backbones parts.</summary>
    public IReadOnlyList<BudgetPoint> SweepBudgets { get; init; } = [BudgetPoint.Share(0.10)];

    /// <summary>Seeds of the tasks and backbones parts.</summary>
    public int SweepSeeds { get; init; } = 3;

    /// <summary>The backbones of the backbones part, beside <see cref="Backbone"/>.</summary>
    public IReadOnlyList<string> SweepBackbones { get; init; } = ["mobilenetv2"];

    public required int Epochs { get; init; }

    /// <summary>The backbone of the budgets and tasks parts.</summary>
    public required string Backbone { get; init; }

    public required int Width { get; init; }

    public required int TrainPerTask { get; init; }

    public required int TestPerTask { get; init; }

    /// <summary>Training images per Fashion-MNIST domain, when it should differ from <see cref="TrainPerTask"/> (Fashion-MNIST holds 60,000; the digits 10,000).</summary>
    public int? FashionTrainPerTask { get; init; }

    public required string Out { get; init; }

    public required int Threads { get; init; }

    /// <summary>float32, or bfloat16 mixed precision for forward passes and losses.</summary>
    public Precision Precision { get; init; } = Precision.Fp32;

    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// When set (--distributed, under mpirun), every run trains data-parallel across the world's
    /// ranks, each on its shard with <see cref="BatchSize"/> / ranks images per batch, so the
    /// combined batch is the same; rank 0 prints and writes the results.
    /// </summary>
    public MtlSharing.Distributed.DistributedWorld? World { get; init; }

    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// The quick mode that ./build.sh demo runs, in about two minutes: four domains, independent,
    /// fully shared, and bottom against top at two budgets both sides can match on a width-8
    /// ResNet-18 (2%: the top's last BatchNorm; 50%: its last convolution), three seeds.
    /// </summary>
    public static StudyOptions Quick(string @out, int threads) => new()
    {
        Parts = ["budgets"],
        Tasks = DomainTasks.Names[..4],
        Layouts = [ArmKind.Independent, ArmKind.Shared, ArmKind.Bottom, ArmKind.Top],
        Budgets = [BudgetPoint.Share(0.02), BudgetPoint.Share(0.50)],
        Regimes = [NormRegime.AsLayout],
        Seeds = 3,
        Epochs = 2,
        Backbone = "resnet18",
        Width = 8,
        TrainPerTask = 1200,
        TestPerTask = 500,
        Out = @out,
        Threads = threads,
    };

    /// <summary>
    /// The full study's budgets part, as run here: every layout at 2%, 10% and 30% and at the share
    /// the top's last two layers give, under both BatchNorm regimes; five seeds for each bottom–top
    /// comparison and three for the other arms; 5 epochs on 4,000 digits and 10,000 Fashion-MNIST
    /// images per domain. The tasks and backbones parts (T = 2, 4, 8 and MobileNetV2 at 10% and
    /// top:2, three seeds) need smaller training sets, since eight domains split the 10,000 digits
    /// four ways: README.md gives their commands.
    /// </summary>
    public static StudyOptions Full(string @out, int threads) => Quick(@out, threads) with
    {
        Parts = ["budgets", "tasks", "backbones"],
        Layouts = [.. Enum.GetValues<ArmKind>()],
        Budgets = [BudgetPoint.Share(0.02), BudgetPoint.Share(0.10), BudgetPoint.Share(0.30), BudgetPoint.AtTopLayers(2)],
        Regimes = [NormRegime.AsLayout, NormRegime.PerTask],
        Seeds = 5,
        ReferenceSeeds = 3,
        SweepBudgets = [BudgetPoint.Share(0.10), BudgetPoint.AtTopLayers(2)],
        Epochs = 5,
        TrainPerTask = 4000,
        FashionTrainPerTask = 10000,
        TestPerTask = 1000,
    };

    /// <summary>The parts as settings with their arms and seeds.</summary>
    public IReadOnlyList<StudyPart> Grid()
    {
        var parts = new List<StudyPart>();
        Arm[] SweepArms() => [.. Arm.Expand([ArmKind.Independent, ArmKind.Shared, ArmKind.Bottom, ArmKind.Top], SweepBudgets, Regimes)];
        foreach (var part in Parts)
        {
            switch (part)
            {
                case "budgets":
                    parts.Add(new StudyPart(new StudySetting(part, Backbone, Width, Tasks), Arm.Expand(Layouts, Budgets, Regimes), Seeds, ReferenceSeeds ?? Seeds));
                    break;
                case "tasks":
                    parts.AddRange(TaskCounts.Select(t => new StudyPart(new StudySetting(part, Backbone, Width, DomainTasks.Names[..t]), SweepArms(), SweepSeeds)));
                    break;
                case "backbones":
                    parts.AddRange(new[] { Backbone }.Concat(SweepBackbones).Distinct().Select(b => new StudyPart(new StudySetting(part, b, Width, Tasks), SweepArms(), SweepSeeds)));
                    break;
                default:
                    throw new ArgumentException($"unknown part '{part}'; valid parts are {string.Join(", ", PartNames)}");
            }
        }

        return parts;
    }

    public static readonly string[] PartNames = ["budgets", "tasks", "backbones"];
}
