using MtlSharing.Distributed.Mpi;

namespace MtlSharing.Distributed;

/// <summary>
/// The processes of one job. Started under <c>mpirun</c> (Open MPI, or any MPI whose launcher sets
/// the usual rank variables), it initialises MPI and spans every process; started on its own, it
/// is a world of one process that needs no MPI at all. One world per process, as MPI allows.
/// <para>
/// While a multi-process world lives, an unhandled exception on any rank aborts the whole job
/// (MPI_Abort), so the other ranks never wait forever in a collective.
/// </para>
/// </summary>
public sealed class DistributedWorld : IDisposable
{
    private static readonly string[] LauncherVariables = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"];
    private static readonly object Gate = new();
    private static bool mpiUsed;
    private static DistributedWorld? current;
    private bool disposed;

    private DistributedWorld(Communicator communicator, bool usesMpi)
    {
        Communicator = communicator;
        UsesMpi = usesMpi;
        if (usesMpi)
        {
            AppDomain.CurrentDomain.UnhandledException += AbortOnUnhandled;
        }
    }

    /// <summary>Every rank of the job.</summary>
    public Communicator Communicator { get; }

    /// <summary>This process's rank.</summary>
    public int Rank => Communicator.Rank;

    /// <summary>The number of processes.</summary>
    public int Size => Communicator.Size;

    /// <summary>Whether this world runs on MPI (started by a launcher) rather than as one process.</summary>
    public bool UsesMpi { get; }

    /// <summary>Whether a launcher such as <c>mpirun</c> started this process.</summary>
    public static bool LaunchedByMpi => LauncherVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));

    /// <summary>Starts the world of this job.</summary>
    /// <param name="expectedSize">If set, the number of processes the job must have; a mismatch (including asking for more than one outside <c>mpirun</c>) is refused.</param>
    /// <returns>The world; dispose it at the end (MPI_Finalize).</returns>
    /// <exception cref="MpiException">A world already runs in this process, MPI cannot start, or the size is not the one expected.</exception>
    public static DistributedWorld Start(int? expectedSize = null)
    {
        if (expectedSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedSize), expectedSize, "a world has at least one process");
        }

        lock (Gate)
        {
            if (current is not null)
            {
                throw new MpiException("a distributed world is already running in this process; use DistributedWorld.Current, or dispose it first");
            }

            var launched = LaunchedByMpi;
            if (!launched && expectedSize > 1)
            {
                throw new MpiException($"a world of {expectedSize} processes was asked for, but this process was not started by mpirun; run it as: mpirun -np {expectedSize} <program> (as root add --allow-run-as-root; on a small machine --oversubscribe)");
            }

            var world = launched ? new DistributedWorld(StartMpi(), usesMpi: true) : new DistributedWorld(new SoloCommunicator(), usesMpi: false);
            if (expectedSize is { } size && world.Size != size)
            {
                world.Dispose();
                throw new MpiException($"this job has {world.Size} processes, but {size} were expected; start it with mpirun -np {size}");
            }

            current = world;
            return world;
        }
    }

    /// <summary>The world started in this process, if any.</summary>
    public static DistributedWorld? Current
    {
        get
        {
            lock (Gate)
            {
                return current;
            }
        }
    }

    /// <summary>Ends the whole job at once: every rank exits with the code (MPI_Abort). Outside MPI, exits this process.</summary>
    /// <param name="exitCode">The job's exit code.</param>
    public void Abort(int exitCode)
    {
        if (UsesMpi)
        {
            MpiShim.Abort(exitCode);
        }

        Environment.Exit(exitCode);
    }

    /// <summary>Finalizes MPI (after a barrier-free shutdown; call it on every rank).</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            current = null;
            if (UsesMpi)
            {
                AppDomain.CurrentDomain.UnhandledException -= AbortOnUnhandled;
                MpiShim.Check(MpiShim.Finalize(), "Finalize");
            }
        }
    }

    private static Communicator StartMpi()
    {
        if (mpiUsed)
        {
            throw new MpiException("MPI was already finalized in this process and cannot start again; start one world per process");
        }

        try
        {
            MpiShim.Check(MpiShim.Init(), "Init");
        }
        catch (DllNotFoundException e)
        {
            throw new MpiException("this process was started by mpirun, but the MPI shim libmtlsharing_mpi.so is missing or cannot load libmpi; install Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev) and rebuild so that the shim is compiled", e);
        }

        mpiUsed = true;
        return new MpiCommunicator(0);
    }

    private void AbortOnUnhandled(object sender, UnhandledExceptionEventArgs e)
    {
        Console.Error.WriteLine($"rank {Rank}: unhandled {e.ExceptionObject.GetType().Name}; aborting the job so that no rank waits forever: {(e.ExceptionObject as Exception)?.Message}");
        MpiShim.Abort(1);
    }
}
