using static TorchSharp.torch;

namespace MtlSharing.Distributed;

/// <summary>
/// The communicator each tensor is reduced over: the ranks that train any task using it. Shared
/// tensors go over the whole world; a task's own tensors over the ranks that train the task (a
/// sub-communicator, made once with MPI_Comm_split; none when the task lives on one rank). Every
/// rank makes the same splits in the same order, as MPI requires, including those it is not in.
/// </summary>
internal sealed class ReductionGroups : IDisposable
{
    private readonly Dictionary<string, Communicator?> byRanks = new(StringComparer.Ordinal);
    private readonly Dictionary<Tensor, string> keyOf = new(ReferenceEqualityComparer.Instance);
    private readonly List<Communicator> made = [];

    public ReductionGroups(Communicator world, TaskPlacement placement, ParameterOwnership ownership, IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            var ranks = ownership.TasksOf(tensor).SelectMany(placement.RanksOf).Distinct().Order().ToList();
            keyOf[tensor] = string.Join(',', ranks);
        }

        var all = string.Join(',', Enumerable.Range(0, world.Size));
        foreach (var key in keyOf.Values.Distinct().Order(StringComparer.Ordinal))
        {
            if (key == all)
            {
                byRanks[key] = world;
                continue;
            }

            var ranks = key.Split(',').Select(int.Parse).ToList();
            var group = world.Split(ranks.Contains(world.Rank) ? 0 : -1, world.Rank);
            if (group is not null)
            {
                made.Add(group);
            }

            byRanks[key] = group;
        }
    }

    /// <summary>The communicator of the tensor's ranks, or null when this rank is not one of them.</summary>
    public Communicator? For(Tensor tensor) => byRanks[keyOf[tensor]];

    public void Dispose()
    {
        foreach (var group in made)
        {
            group.Dispose();
        }
    }
}
