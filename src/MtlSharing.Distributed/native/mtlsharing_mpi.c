/*
 * MtlSharing's thin shim over the MPI C API.
 *
 * MPI's handles (MPI_Comm, MPI_Datatype, MPI_Op) are implementation-defined: pointers to global
 * objects in Open MPI, integers in MPICH. Compiled against the installed mpi.h, this file turns
 * them into plain ints and longs, so the .NET side binds one stable C ABI whatever MPI is below.
 * Communicators live in a small table; id 0 is MPI_COMM_WORLD. Every function returns an MPI
 * error code (MPI_SUCCESS = 0); errors return instead of aborting (MPI_ERRORS_RETURN).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <mpi.h>
#include <stdint.h>
#include <string.h>

#define MTS_MAX_COMMS 4096
#define MTS_ERR_TABLE_FULL -1000
#define MTS_ERR_BAD_ID -1001

static MPI_Comm comms[MTS_MAX_COMMS];
static int comm_count = 0;

static int comm_of(int id, MPI_Comm *comm)
{
    if (id < 0 || id >= comm_count || comms[id] == MPI_COMM_NULL) return MTS_ERR_BAD_ID;
    *comm = comms[id];
    return MPI_SUCCESS;
}

/* Open MPI loads its components with dlopen and expects libmpi's symbols to be global; a library
 * loaded by .NET is not, so libmpi is promoted to RTLD_GLOBAL before MPI_Init (as mpi4py does). */
static void promote_libmpi(void)
{
    Dl_info info;
    if (dladdr((void *)&MPI_Init, &info) && info.dli_fname != NULL)
        dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
}

int mts_init(void)
{
    int initialized = 0, provided = 0, rc;
    MPI_Initialized(&initialized);
    if (!initialized) {
        promote_libmpi();
        rc = MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
        if (rc != MPI_SUCCESS) return rc;
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    if (comm_count == 0) comms[comm_count++] = MPI_COMM_WORLD;
    return MPI_SUCCESS;
}

int mts_finalize(void)
{
    int finalized = 0;
    MPI_Finalized(&finalized);
    return finalized ? MPI_SUCCESS : MPI_Finalize();
}

int mts_abort(int code) { return MPI_Abort(MPI_COMM_WORLD, code); }

int mts_comm_rank(int id, int *rank)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    return rc != MPI_SUCCESS ? rc : MPI_Comm_rank(comm, rank);
}

int mts_comm_size(int id, int *size)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    return rc != MPI_SUCCESS ? rc : MPI_Comm_size(comm, size);
}

/* color < 0: this rank joins no new communicator and *new_id is -1. */
int mts_comm_split(int id, int color, int key, int *new_id)
{
    MPI_Comm comm, created;
    int rc = comm_of(id, &comm);
    if (rc != MPI_SUCCESS) return rc;
    if (comm_count >= MTS_MAX_COMMS) return MTS_ERR_TABLE_FULL;
    rc = MPI_Comm_split(comm, color < 0 ? MPI_UNDEFINED : color, key, &created);
    if (rc != MPI_SUCCESS) return rc;
    if (created == MPI_COMM_NULL) {
        *new_id = -1;
        return MPI_SUCCESS;
    }
    MPI_Comm_set_errhandler(created, MPI_ERRORS_RETURN);
    comms[comm_count] = created;
    *new_id = comm_count++;
    return MPI_SUCCESS;
}

int mts_comm_free(int id)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    if (rc != MPI_SUCCESS || id == 0) return rc;
    rc = MPI_Comm_free(&comms[id]);
    comms[id] = MPI_COMM_NULL;
    return rc;
}

int mts_barrier(int id)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    return rc != MPI_SUCCESS ? rc : MPI_Barrier(comm);
}

/* Large buffers go in chunks of at most INT_MAX elements: MPI counts are ints. */
int mts_bcast_bytes(int id, void *buffer, int64_t count, int root)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    for (int64_t done = 0; rc == MPI_SUCCESS && done < count; done += INT_MAX) {
        int64_t left = count - done;
        rc = MPI_Bcast((char *)buffer + done, (int)(left < INT_MAX ? left : INT_MAX), MPI_BYTE, root, comm);
    }
    return rc;
}

static MPI_Op op_of(int op) { return op == 1 ? MPI_MAX : op == 2 ? MPI_MIN : MPI_SUM; }

/* In place; dtype 0: float, 1: double. */
int mts_allreduce(int id, void *buffer, int64_t count, int dtype, int op)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    MPI_Datatype type = dtype == 1 ? MPI_DOUBLE : MPI_FLOAT;
    size_t size = dtype == 1 ? sizeof(double) : sizeof(float);
    for (int64_t done = 0; rc == MPI_SUCCESS && done < count; done += INT_MAX) {
        int64_t left = count - done;
        rc = MPI_Allreduce(MPI_IN_PLACE, (char *)buffer + done * size, (int)(left < INT_MAX ? left : INT_MAX), type, op_of(op), comm);
    }
    return rc;
}

/* Every rank sends count bytes; receive holds size x count bytes, rank by rank. */
int mts_allgather_bytes(int id, const void *send, int count, void *receive)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    return rc != MPI_SUCCESS ? rc : MPI_Allgather(send, count, MPI_BYTE, receive, count, MPI_BYTE, comm);
}

/* Ranks send different counts: counts and offsets (per rank) describe receive. */
int mts_allgatherv_bytes(int id, const void *send, int count, void *receive, const int *counts, const int *offsets)
{
    MPI_Comm comm;
    int rc = comm_of(id, &comm);
    return rc != MPI_SUCCESS ? rc : MPI_Allgatherv(send, count, MPI_BYTE, receive, counts, offsets, MPI_BYTE, comm);
}

int mts_error_string(int code, char *text, int capacity)
{
    if (code == MTS_ERR_TABLE_FULL) { strncpy(text, "too many communicators", capacity); return MPI_SUCCESS; }
    if (code == MTS_ERR_BAD_ID) { strncpy(text, "no such communicator (freed, or never made)", capacity); return MPI_SUCCESS; }
    char buffer[MPI_MAX_ERROR_STRING];
    int length = 0;
    int rc = MPI_Error_string(code, buffer, &length);
    if (rc == MPI_SUCCESS) {
        strncpy(text, buffer, capacity);
        if (capacity > 0) text[capacity - 1] = '\0';
    }
    return rc;
}
