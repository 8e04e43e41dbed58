namespace Iom.Application.Errors;

/// <summary>
/// A change may or may not have been stored, and reading it back failed too, so nothing was undone: the caller is told
/// to retry later (503), never that it failed. The inner exception holds the write's failure and the read's.
/// </summary>
public sealed class OutcomeUnknownException(Exception inner)
    : Exception("The change may or may not have been stored, and it could not be read back.", inner);
