using MtlSharing.Training;

namespace MtlSharing.Distributed.TestHost;

/// <summary>
/// Bad set-ups that every rank must refuse with an exception, never a hang: each rank prints the
/// message it got, so the test can read what the user would.
/// </summary>
internal static class Refusals
{
    public static void Run(DistributedWorld world, string @case)
    {
        var tasks = SmallProblem.Tasks(2);
        try
        {
            switch (@case)
            {
                case "shapes":
                    Train(world, tasks, SmallProblem.Model(tasks, "bottom", hidden: world.Rank == 1 ? 32 : SmallProblem.Hidden));
                    break;
                case "plans":
                    Train(world, tasks, SmallProblem.Model(tasks, world.Rank == 1 ? "top" : "bottom"));
                    break;
                case "uneven-placement":
                    _ = TaskPlacement.Spread(SmallProblem.Tasks(3), world.Size);
                    break;
                case "placement-size":
                    _ = new DistributedTraining(world, TaskPlacement.Spread(SmallProblem.Tasks(4), 4));
                    break;
                default:
                    throw new CheckFailedException($"unknown refusal case '{@case}'");
            }
        }
        catch (ArgumentException e)
        {
            Console.WriteLine($"rank {world.Rank} refused: {e.Message}");
            return;
        }

        throw new CheckFailedException($"the '{@case}' set-up was not refused");
    }

    private static void Train(DistributedWorld world, string[] tasks, Routing.MultiTaskModel model)
    {
        using (model)
        {
            using var distributed = new DistributedTraining(world);
            var shards = SmallProblem.LoaderOptions(tasks, 4).ToDictionary(o => o.Key, o => distributed.LoaderOptions(o.Key, o.Value));
            SmallProblem.Train(model, TrainingData.PerTask(SmallProblem.Datasets(tasks), shards), distributed);
        }
    }
}
