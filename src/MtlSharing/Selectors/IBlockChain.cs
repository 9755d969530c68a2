using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Selectors;

/// <summary>
/// A backbone whose forward pass is a chain: its blocks in order, then a tail. Block 0 receives
/// the input; each block applies the modules at its paths in the order listed, each to the
/// previous module's output; <see cref="ForwardTail"/> maps the last block's output to the
/// backbone's output. Every module outside the blocks runs only in the tail. A multi-task model
/// over such a backbone can run the blocks that all tasks share once and branch after them
/// (<see cref="Routing.MultiTaskModel.forward_all"/>).
/// </summary>
public interface IBlockChain : IBlockStructured
{
    /// <summary>Throws unless a batch has a shape the forward pass accepts.</summary>
    /// <param name="input">The batch.</param>
    /// <exception cref="ArgumentException">The batch has the wrong shape; the message names the expected one.</exception>
    void CheckInput(Tensor input);

    /// <summary>Runs what follows the last block (pooling, flattening, a head) on the last block's output.</summary>
    /// <param name="features">The output of the last block.</param>
    /// <returns>The backbone's output, as its forward pass would return it.</returns>
    Tensor ForwardTail(Tensor features);
}
