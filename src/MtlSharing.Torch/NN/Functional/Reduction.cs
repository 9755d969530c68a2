namespace MtlSharing.Torch;

public static partial class torch
{
    /// <summary>Neural-network layers, losses and functions, as in torch.nn.</summary>
    public static partial class nn
    {
        /// <summary>How a loss combines its per-element values (numbered as in libtorch).</summary>
        public enum Reduction
        {
            /// <summary>Return every per-element loss.</summary>
            None = 0,

            /// <summary>Average the losses.</summary>
            Mean = 1,

            /// <summary>Sum the losses.</summary>
            Sum = 2,
        }
    }
}
