using MtlSharing.Distributed;
using MtlSharing.Distributed.TestHost;

// Usage: <scenario> [arguments]; run on every rank by mpirun (or alone, as a world of one).
torch.set_num_threads(1);
var scenario = args.Length > 0 ? args[0] : string.Empty;
using var world = DistributedWorld.Start();
try
{
    switch (scenario)
    {
        case "collectives":
            Collectives.Run(world);
            break;
        case "data-parallel":
            Equivalence.DataParallel(world, args[1]);
            break;
        case "die":
            Faults.Die(world, args[1], kill: args[2] == "kill", sharded: args.Length > 3 && args[3] == "sharded");
            break;
        case "resume":
            Faults.Resume(world, args[1], sharded: args.Length > 2 && args[2] == "sharded");
            break;
        case "refused":
            Refusals.Run(world, args[1]);
            break;
        case "sharded":
            Equivalence.Sharded(world, args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
            break;
        default:
            Console.Error.WriteLine($"unknown scenario '{scenario}'; valid scenarios are collectives, data-parallel bottom|top, sharded bottom|top <tasks>, refused <case>, die <dir> kill|throw [sharded], resume <dir> [sharded]");
            return 2;
    }
}
catch (CheckFailedException e)
{
    Console.Error.WriteLine($"rank {world.Rank}: {e.Message}");
    world.Abort(3);
}

Console.WriteLine($"rank {world.Rank} of {world.Size}: {scenario} ok");
return 0;
