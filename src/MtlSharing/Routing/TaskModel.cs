using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>
/// One task cut out of a multi-task model: the shared layers, that task's copies and its head, as
/// an ordinary module with its own storage. Its outputs equal the multi-task model's for the task.
/// Its state_dict keys are the backbone's own paths under <c>backbone.</c>, and <c>head.</c>.
/// </summary>
public sealed class TaskModel : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> backbone;
    private readonly nn.Module<Tensor, Tensor> head;

    internal TaskModel(string task, nn.Module<Tensor, Tensor> backbone, nn.Module<Tensor, Tensor> head)
        : base(nameof(TaskModel))
    {
        Task = task;
        this.backbone = backbone;
        this.head = head;
        RegisterComponents();
    }

    /// <summary>The task this model serves.</summary>
    public string Task { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var features = backbone.call(input);
        var output = head.call(features);
        Intermediate.Release(features, input, output);
        return output;
    }
}
