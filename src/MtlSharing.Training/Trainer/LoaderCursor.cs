namespace MtlSharing.Training;

/// <summary>
/// Walks one loader through an epoch, restarting it when a sampler asks for more batches than
/// one pass holds. Its position is just the number of batches consumed, so it can start anywhere:
/// pass <c>consumed / batchesPerEpoch</c>, batch <c>consumed % batchesPerEpoch</c>. Pass 0 of
/// epoch e is the loader's epoch e; a later pass uses another epoch index derived from (e, pass),
/// so repeated data is reshuffled yet the same in every run.
/// </summary>
/// <typeparam name="T">The loader's batch type.</typeparam>
internal sealed class LoaderCursor<T> : IDisposable
{
    private readonly Func<int, int, IEnumerable<T>> epochOf;
    private readonly int epoch;
    private readonly int batchesPerEpoch;
    private long consumed;
    private IEnumerator<T>? current;

    /// <summary>Makes a cursor.</summary>
    /// <param name="epochOf">The loader's <c>Epoch(epoch, startBatch)</c>.</param>
    /// <param name="epoch">The trainer's epoch.</param>
    /// <param name="batchesPerEpoch">The loader's batches per pass; positive.</param>
    /// <param name="consumed">The batches already used in this epoch.</param>
    public LoaderCursor(Func<int, int, IEnumerable<T>> epochOf, int epoch, int batchesPerEpoch, long consumed)
    {
        this.epochOf = epochOf;
        this.epoch = epoch;
        this.batchesPerEpoch = batchesPerEpoch;
        this.consumed = consumed;
    }

    /// <summary>The loader epoch index of a pass.</summary>
    /// <param name="epoch">The trainer's epoch.</param>
    /// <param name="pass">The pass through the loader within that epoch.</param>
    /// <returns>The index to give the loader's <c>Epoch</c>.</returns>
    public static int LoaderEpoch(int epoch, int pass) =>
        pass == 0 ? epoch : (int)(unchecked(((uint)epoch * 0x9E3779B1u) ^ ((uint)pass * 0x85EBCA77u)) & int.MaxValue);

    /// <summary>Takes the next batch.</summary>
    /// <returns>The batch.</returns>
    public T Next()
    {
        if (current is null)
        {
            var pass = (int)(consumed / batchesPerEpoch);
            var start = (int)(consumed % batchesPerEpoch);
            current = epochOf(LoaderEpoch(epoch, pass), start).GetEnumerator();
        }

        if (!current.MoveNext())
        {
            throw new InvalidOperationException($"the loader ended after {consumed % batchesPerEpoch} batches of epoch {epoch}, but its BatchesPerEpoch is {batchesPerEpoch}");
        }

        var batch = current.Current;
        consumed++;
        if (consumed % batchesPerEpoch == 0)
        {
            Close();
        }

        return batch;
    }

    /// <summary>Closes the loader's enumerator.</summary>
    public void Dispose() => Close();

    private void Close()
    {
        current?.Dispose();
        current = null;
    }
}
