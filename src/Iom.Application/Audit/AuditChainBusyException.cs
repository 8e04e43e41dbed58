using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>
/// Every attempt to append to a person's audit chain lost the race to another writer: nothing was written (the
/// change goes with its record, so it was refused too). Transient, not a conflict of the caller's making: the HTTP
/// answer is 503 with Retry-After, never 409 "already exists".
/// </summary>
public sealed class AuditChainBusyException(string personId, Exception inner)
    : DocumentStoreException($"The audit chain of person {personId} was appended to by others on every attempt.", inner);
