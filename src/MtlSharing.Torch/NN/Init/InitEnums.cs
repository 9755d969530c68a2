namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class init
        {
            /// <summary>The nonlinearity after a layer, which sets the gain of its initialisation.</summary>
            public enum NonlinearityType
            {
                /// <summary>No nonlinearity (gain 1).</summary>
                Linear = 0,

                /// <summary>A 1-D convolution (gain 1).</summary>
                Conv1D = 1,

                /// <summary>A 2-D convolution (gain 1).</summary>
                Conv2D = 2,

                /// <summary>A 3-D convolution (gain 1).</summary>
                Conv3D = 3,

                /// <summary>A 1-D transposed convolution (gain 1).</summary>
                ConvTranspose1D = 4,

                /// <summary>A 2-D transposed convolution (gain 1).</summary>
                ConvTranspose2D = 5,

                /// <summary>A 3-D transposed convolution (gain 1).</summary>
                ConvTranspose3D = 6,

                /// <summary>The logistic sigmoid (gain 1).</summary>
                Sigmoid = 7,

                /// <summary>The hyperbolic tangent (gain 5/3).</summary>
                Tanh = 8,

                /// <summary>The rectifier (gain √2).</summary>
                ReLU = 9,

                /// <summary>The leaky rectifier with negative slope s (gain √(2 / (1 + s²))).</summary>
                LeakyReLU = 10,

                /// <summary>The scaled exponential linear unit (gain 3/4).</summary>
                SELU = 11,
            }

            /// <summary>Which fan an initialisation preserves the variance of.</summary>
            public enum FanInOut
            {
                /// <summary>The number of inputs per output: preserves the variance in the forward pass.</summary>
                FanIn = 0,

                /// <summary>The number of outputs per input: preserves the variance in the backward pass.</summary>
                FanOut = 1,
            }
        }
    }
}
