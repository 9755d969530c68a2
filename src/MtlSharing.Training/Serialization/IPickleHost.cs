namespace MtlSharing.Training.Serialization;

/// <summary>What a <see cref="PickleMachine"/> asks of the archive it reads: storages and calls.</summary>
internal interface IPickleHost
{
    /// <summary>Resolves a persistent id (PyTorch's storage reference tuple) to an object.</summary>
    object PersistentLoad(object? id);

    /// <summary>Runs a pickled call (REDUCE or NEWOBJ) of a Python global with its arguments.</summary>
    object? Call(PickleGlobal callable, object?[] args);
}
