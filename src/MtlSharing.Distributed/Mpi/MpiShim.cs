using System.Runtime.InteropServices;

namespace MtlSharing.Distributed.Mpi;

/// <summary>
/// The shim's C functions (native/mtlsharing_mpi.c). Every function returns an MPI error code;
/// communicators are ints (0 is the world), so the binding does not depend on how an MPI
/// implementation represents its handles.
/// </summary>
internal static partial class MpiShim
{
    private const string Library = "mtlsharing_mpi";

    [LibraryImport(Library, EntryPoint = "mts_init")]
    internal static partial int Init();

    [LibraryImport(Library, EntryPoint = "mts_finalize")]
    internal static partial int Finalize();

    [LibraryImport(Library, EntryPoint = "mts_abort")]
    internal static partial int Abort(int code);

    [LibraryImport(Library, EntryPoint = "mts_comm_rank")]
    internal static partial int CommRank(int comm, out int rank);

    [LibraryImport(Library, EntryPoint = "mts_comm_size")]
    internal static partial int CommSize(int comm, out int size);

    [LibraryImport(Library, EntryPoint = "mts_comm_split")]
    internal static partial int CommSplit(int comm, int color, int key, out int created);

    [LibraryImport(Library, EntryPoint = "mts_comm_free")]
    internal static partial int CommFree(int comm);

    [LibraryImport(Library, EntryPoint = "mts_barrier")]
    internal static partial int Barrier(int comm);

    [LibraryImport(Library, EntryPoint = "mts_bcast_bytes")]
    internal static unsafe partial int BroadcastBytes(int comm, void* buffer, long count, int root);

    [LibraryImport(Library, EntryPoint = "mts_allreduce")]
    internal static unsafe partial int AllReduce(int comm, void* buffer, long count, int dataType, int operation);

    [LibraryImport(Library, EntryPoint = "mts_allgather_bytes")]
    internal static unsafe partial int AllGatherBytes(int comm, void* send, int count, void* receive);

    [LibraryImport(Library, EntryPoint = "mts_allgatherv_bytes")]
    internal static unsafe partial int AllGatherVariableBytes(int comm, void* send, int count, void* receive, int* counts, int* offsets);

    [LibraryImport(Library, EntryPoint = "mts_error_string")]
    internal static unsafe partial int ErrorString(int code, byte* text, int capacity);

    /// <summary>MPI's words for an error code.</summary>
    internal static unsafe string Describe(int code)
    {
        var text = stackalloc byte[512];
        return ErrorString(code, text, 512) == 0 ? Marshal.PtrToStringUTF8((nint)text) ?? $"MPI error {code}" : $"MPI error {code}";
    }

    /// <summary>Throws <see cref="MpiException"/> unless the code is MPI_SUCCESS.</summary>
    internal static void Check(int code, string operation)
    {
        if (code != 0)
        {
            throw new MpiException($"MPI {operation} failed: {Describe(code)} (code {code})");
        }
    }
}
