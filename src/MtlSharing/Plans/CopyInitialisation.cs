namespace MtlSharing.Plans;

/// <summary>How the task or group copies of a layer start.</summary>
public enum CopyInitialisation
{
    /// <summary>Every copy starts from the backbone's current weights.</summary>
    FromBackbone,

    /// <summary>Every copy is initialised afresh, as the layer's constructor would.</summary>
    Fresh,
}
