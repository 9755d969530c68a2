namespace MtlSharing.Torch;

public static partial class torch
{
    /// <summary>How the elements of a tensor are laid out in memory, numbered as libtorch's c10::MemoryFormat.</summary>
    public enum MemoryFormat
    {
        /// <summary>Row-major: for a 4-D tensor, NCHW.</summary>
        Contiguous = 0,

        /// <summary>Keep the layout of the source tensor.</summary>
        Preserve = 1,

        /// <summary>Channels last: a 4-D NCHW tensor stored as NHWC, which oneDNN convolutions on CPU prefer.</summary>
        ChannelsLast = 2,

        /// <summary>Channels last for 5-D tensors (NCDHW stored as NDHWC).</summary>
        ChannelsLast3d = 3,
    }
}
