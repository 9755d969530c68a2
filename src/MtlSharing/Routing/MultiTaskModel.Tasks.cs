using MtlSharing.Modules;
using MtlSharing.Plans;
using TorchSharp;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

public sealed partial class MultiTaskModel
{
    /// <summary>
    /// Cuts one task out: a standalone module with its own copy of the shared weights, the task's
    /// copies and its head, whose outputs equal <c>forward(x, task)</c>. It can be saved on its own.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <returns>The task's model.</returns>
    public TaskModel ExtractTask(string task)
    {
        RequireTask(task);
        var swapped = new List<TaskSwitch>();
        try
        {
            foreach (var taskSwitch in switches)
            {
                backbone.SetSubmodule(taskSwitch.Path, taskSwitch.BranchFor(task));
                swapped.Add(taskSwitch);
            }

            var copy = (nn.Module<Tensor, Tensor>)backbone.DeepCopy();
            return new TaskModel(task, copy, (nn.Module<Tensor, Tensor>)heads[task].DeepCopy());
        }
        finally
        {
            foreach (var taskSwitch in swapped)
            {
                backbone.SetSubmodule(taskSwitch.Path, taskSwitch);
            }
        }
    }

    /// <summary>
    /// Adds a task to this model. Each per-task layer gets a new copy, and each grouped layer a new
    /// group holding only the new task; the copies start from an existing task's copies, or from
    /// the backbone's weights as they were when the plan was applied.
    /// </summary>
    /// <param name="name">The new task's name.</param>
    /// <param name="initialiseFrom">The task to copy from, or null for the backbone's original weights.</param>
    /// <param name="head">The new task's head; by default the plan's head factory makes it.</param>
    public void AddTask(string name, string? initialiseFrom = null, nn.Module<Tensor, Tensor>? head = null)
    {
        TaskNames.ValidateOne(name, nameof(name));
        if (router.Tasks.Contains(name))
        {
            throw new ArgumentException($"task '{name}' already exists; the tasks are {string.Join(", ", router.Tasks)}", nameof(name));
        }

        if (initialiseFrom is not null)
        {
            RequireTask(initialiseFrom);
        }

        var copies = new List<nn.Module<Tensor, Tensor>>();
        try
        {
            foreach (var taskSwitch in switches)
            {
                var source = initialiseFrom is null ? taskSwitch.Template : taskSwitch.BranchFor(initialiseFrom);
                copies.Add((nn.Module<Tensor, Tensor>)source.DeepCopy());
            }

            head ??= Plan.HeadFactory(name) ?? throw new InvalidOperationException($"the head factory returned null for task '{name}'");
        }
        catch
        {
            copies.ForEach(c => c.Dispose());
            throw;
        }

        for (var i = 0; i < switches.Count; i++)
        {
            switches[i].AddTask(name, copies[i]);
        }

        heads.Add(name, head);
        heads.register_module(name, head);
        router.AddTask(name);
        if (training)
        {
            train();
        }
        else
        {
            eval();
        }

        Plan.Options.Logger?.LogInformation("added task {Task} to the multi-task model, initialised from {Source}", name, initialiseFrom ?? "the backbone's original weights");
    }
}
