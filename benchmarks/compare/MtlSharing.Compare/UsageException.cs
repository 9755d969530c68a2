namespace MtlSharing.Compare;

/// <summary>A bad command line; the message says what is valid.</summary>
internal sealed class UsageException(string message) : Exception(message);
