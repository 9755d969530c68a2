namespace MtlSharing.Training.Serialization;

/// <summary>A Python global (a class or function) named in a pickle, such as torch.FloatStorage.</summary>
/// <param name="Module">The module, for example "torch._utils".</param>
/// <param name="Name">The name inside the module, for example "_rebuild_tensor_v2".</param>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}
