namespace Iom.Application.Ports.Documents;

public abstract class DocumentStoreException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class DocumentConflictException(DocumentKey key, Exception? inner = null)
    : DocumentStoreException($"Document {key} already exists.", inner)
{
    public DocumentKey Key { get; } = key;
}

public sealed class DocumentPreconditionFailedException(DocumentKey key, Exception? inner = null)
    : DocumentStoreException($"Document {key} was changed by someone else.", inner)
{
    public DocumentKey Key { get; } = key;
}

public sealed class DocumentNotFoundException(DocumentKey key, Exception? inner = null)
    : DocumentStoreException($"Document {key} does not exist.", inner)
{
    public DocumentKey Key { get; } = key;
}

/// <summary>A continuation token that this store did not give, or gave for another query: nothing was read.</summary>
public sealed class InvalidContinuationException(Exception? inner = null)
    : DocumentStoreException("The continuation token is not one this query gave.", inner);

/// <summary>
/// A write whose outcome is unknown: it timed out, was cancelled in flight, or the store answered 408 or 503 — it may
/// have been applied. Not a <see cref="DocumentStoreException"/>, which are definite refusals (nothing was written):
/// whoever catches this must read back before undoing anything.
/// </summary>
public sealed class DocumentOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);
