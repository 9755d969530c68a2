namespace MtlSharing.Training.Tests.Serialization;

/// <summary>A fact that is skipped, with the reason, when no Python interpreter can import torch.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when PyTorch is unavailable.</summary>
    public PythonTorchFactAttribute()
    {
        if (PythonTorch.Executable is null)
        {
            Skip = "PyTorch is not installed: neither /usr/bin/python3 nor python3 on PATH can 'import torch' (install python3-torch)";
        }
    }
}
