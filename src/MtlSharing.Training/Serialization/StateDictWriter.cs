using TorchSharp;
using TorchSharp.PyBridge;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// Writes a state dict with PyBridge's <see cref="PyTorchPickler"/>, which produces the zip that
/// Python's <c>torch.load</c> reads (a dict of tensors, in the dictionary's order). What PyBridge
/// leaves to its caller is done here first: every tensor is checked and replaced by a detached,
/// contiguous CPU copy (see <see cref="SavedTensor"/>), so that nothing can fail half-way through
/// the file.
/// </summary>
internal static class StateDictWriter
{
    /// <summary>
    /// Checks the entries and returns the tensors to write, in order; the copies join the current
    /// dispose scope. A tensor that appears under several keys is written once, as torch.save does.
    /// </summary>
    /// <exception cref="ArgumentException">A key or tensor is null, or a tensor's element type cannot be saved.</exception>
    /// <exception cref="ObjectDisposedException">A tensor has been disposed.</exception>
    public static Dictionary<string, torch.Tensor> Prepare(IReadOnlyDictionary<string, torch.Tensor> state, string parameterName)
    {
        var prepared = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        var copies = new Dictionary<torch.Tensor, torch.Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (key, tensor) in state)
        {
            if (key is null)
            {
                throw new ArgumentException("the state holds a null key", parameterName);
            }

            if (tensor is null || !copies.TryGetValue(tensor, out var copy))
            {
                copy = SavedTensor.Prepare(tensor, $"the state entry '{key}'", parameterName);
                copies[tensor!] = copy;
            }

            if (!prepared.TryAdd(key, copy))
            {
                throw new ArgumentException($"the state holds the key '{key}' twice", parameterName);
            }
        }

        return prepared;
    }

    /// <summary>Writes prepared tensors as a PyTorch zip to <paramref name="destination"/>, which is left open.</summary>
    public static void Write(Dictionary<string, torch.Tensor> prepared, Stream destination) =>
        PyTorchPickler.PickleStateDict(destination, prepared, leaveOpen: true);
}
