namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Lays out every 4-D parameter and buffer (convolution weights) in a memory format, in
            /// place, as PyTorch's <c>module.to(memory_format=...)</c> does: the parameter objects
            /// stay the same, so optimizers and task switches keep working. Feed inputs in the same
            /// format (<see cref="Tensor.contiguous(MemoryFormat)"/>); convolutions then run on
            /// oneDNN's channels-last kernels and their outputs stay channels last.
            /// </summary>
            /// <param name="memory_format"><see cref="MemoryFormat.ChannelsLast"/> or <see cref="MemoryFormat.Contiguous"/>.</param>
            /// <returns>This module.</returns>
            public Module to(MemoryFormat memory_format)
            {
                if (memory_format is not (MemoryFormat.ChannelsLast or MemoryFormat.Contiguous))
                {
                    throw new ArgumentException($"a module can be laid out ChannelsLast or Contiguous; got {memory_format}", nameof(memory_format));
                }

                using (no_grad())
                {
                    foreach (var tensor in parameters().Cast<Tensor>().Concat(buffers()).Where(t => t.dim() == 4).ToList())
                    {
                        using var laidOut = tensor.contiguous(memory_format);
                        tensor.set_(laidOut);
                    }
                }

                return this;
            }
        }
    }
}
