namespace Iom.Application.Ports.Documents;

/// <summary>A continuation token that this store did not give, or gave for another query: nothing was read.</summary>
public sealed class InvalidContinuationException(Exception? inner = null)
    : DocumentStoreException("The continuation token is not one this query gave.", inner);
