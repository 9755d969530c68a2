using MtlSharing.Modules;
using Microsoft.Extensions.Logging;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Application;

/// <summary>Applies a validated plan to a backbone: builds every switch and head first, then swaps them in.</summary>
internal static class PlanApplier
{
    public static MultiTaskModel Apply(SharingPlan plan, nn.Module<Tensor, Tensor> backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        var resolved = PlanResolver.Resolve(plan, backbone);
        var router = new TaskRouter(plan.Tasks);
        var switches = new List<TaskSwitch>();
        var heads = new Dictionary<string, nn.Module<Tensor, Tensor>>(StringComparer.Ordinal);
        try
        {
            foreach (var layer in resolved.Layers.Where(l => l.Mode.IsTaskSpecific))
            {
                switches.Add(BuildSwitch(plan, backbone, layer, router));
            }

            foreach (var task in plan.Tasks)
            {
                heads[task] = plan.HeadFactory(task) ?? throw new ArgumentException($"the head factory returned null for task '{task}'");
            }
        }
        catch
        {
            switches.ForEach(s => s.Dispose());
            foreach (var head in heads.Values)
            {
                head.Dispose();
            }

            throw;
        }

        SwapIn(backbone, switches);
        var frozen = resolved.Layers.Where(l => l.Mode is SharingMode.FrozenMode).Select(l => l.Path).ToList();
        foreach (var path in frozen)
        {
            foreach (var parameter in backbone.GetSubmodule(path).parameters())
            {
                parameter.requires_grad = false;
            }
        }

        var model = new MultiTaskModel(plan, backbone, heads, switches, frozen, router);
        if (backbone.training)
        {
            model.train();
        }
        else
        {
            model.eval();
        }

        plan.Options.Logger?.LogInformation("{Summary}", PlanSummary.Describe(plan, resolved, model.Report()));
        return model;
    }

    private static TaskSwitch BuildSwitch(SharingPlan plan, nn.Module backbone, ResolvedLayer layer, TaskRouter router)
    {
        var original = backbone.GetSubmodule(layer.Path) as nn.Module<Tensor, Tensor>
            ?? throw new ArgumentException($"layer '{layer.Path}' is a {backbone.GetSubmodule(layer.Path).GetType().Name}, which is not a Module<Tensor, Tensor>; only single-input, single-output layers can be task-specific");
        var (names, branchOfTask) = Branches(plan.Tasks, layer.Mode);
        var copies = new Dictionary<string, nn.Module<Tensor, Tensor>>(StringComparer.Ordinal);
        try
        {
            foreach (var name in names)
            {
                copies[name] = LayerCopies.Make(original, plan.Options.CopyInitialisation);
            }
        }
        catch
        {
            foreach (var copy in copies.Values)
            {
                copy.Dispose();
            }

            throw;
        }

        return new TaskSwitch(layer.Path, layer.Mode, original, copies, branchOfTask, router);
    }

    private static (List<string> Names, Dictionary<string, string> BranchOfTask) Branches(IReadOnlyList<string> tasks, SharingMode mode)
    {
        if (mode is SharingMode.GroupsMode groups)
        {
            var partition = groups.Partition;
            var names = Enumerable.Range(0, partition.Groups.Count).Select(partition.GroupName).ToList();
            return (names, tasks.ToDictionary(t => t, t => partition.GroupName(partition.GroupOf(t)), StringComparer.Ordinal));
        }

        return (tasks.ToList(), tasks.ToDictionary(t => t, t => t, StringComparer.Ordinal));
    }

    /// <summary>Swaps every switch in; if any swap fails, the ones already made are undone.</summary>
    private static void SwapIn(nn.Module backbone, List<TaskSwitch> switches)
    {
        var done = new List<TaskSwitch>();
        try
        {
            foreach (var taskSwitch in switches)
            {
                backbone.SetSubmodule(taskSwitch.Path, taskSwitch);
                done.Add(taskSwitch);
            }
        }
        catch (Exception e)
        {
            foreach (var taskSwitch in done)
            {
                backbone.SetSubmodule(taskSwitch.Path, taskSwitch.Template);
            }

            switches.ForEach(s => s.Dispose());
            throw new ArgumentException($"the backbone cannot take a task switch: {e.Message}", e);
        }
    }
}
