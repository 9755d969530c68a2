using System.Text;
using MtlSharing.Routing;
using TorchSharp.Modules;

namespace MtlSharing.Distributed;

/// <summary>
/// What every rank must agree on before training: the tasks, the placement, the plan, and the
/// name, shape and type of every parameter and buffer (and of the loss weighting's parameters).
/// Compared line by line, so a refusal names the first difference.
/// </summary>
internal static class ModelFingerprint
{
    public static IReadOnlyList<string> Lines(MultiTaskModel model, IReadOnlyList<Parameter> trained, TaskPlacement placement)
    {
        var lines = new List<string>
        {
            $"tasks: {string.Join(", ", model.Tasks)}",
            $"placement: {placement}",
        };
        lines.AddRange(model.Plan.ToJson().Split('\n').Select(l => $"plan: {l.Trim()}"));
        lines.AddRange(model.named_parameters().Select(p => $"parameter {p.name} [{string.Join(", ", p.parameter.shape)}] {p.parameter.dtype}"));
        lines.AddRange(model.named_buffers().Select(b => $"buffer {b.name} [{string.Join(", ", b.buffer.shape)}] {b.buffer.dtype}"));
        var own = model.parameters().ToHashSet(ReferenceEqualityComparer.Instance);
        lines.AddRange(trained.Where(p => !own.Contains(p)).Select((p, i) => $"loss weighting parameter {i} [{string.Join(", ", p.shape)}] {p.dtype}"));
        return lines;
    }

    /// <summary>Throws, on every rank alike, unless every rank's lines equal rank 0's.</summary>
    public static void RequireSame(Communicator world, IReadOnlyList<string> lines)
    {
        var all = world.AllGather(Encoding.UTF8.GetBytes(string.Join('\n', lines)))
            .Select(b => Encoding.UTF8.GetString(b).Split('\n'))
            .ToList();
        for (var rank = 1; rank < all.Count; rank++)
        {
            var (reference, other) = (all[0], all[rank]);
            for (var line = 0; line < Math.Max(reference.Length, other.Length); line++)
            {
                var expected = line < reference.Length ? reference[line] : "(nothing)";
                var actual = line < other.Length ? other[line] : "(nothing)";
                if (expected != actual)
                {
                    throw new ArgumentException($"rank {rank}'s model differs from rank 0's, so they cannot train together: rank 0 has '{expected}' where rank {rank} has '{actual}'; build the same model, plan and placement on every rank");
                }
            }
        }
    }
}
