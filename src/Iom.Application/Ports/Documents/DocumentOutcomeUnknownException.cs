namespace Iom.Application.Ports.Documents;

/// <summary>
/// A write whose outcome is unknown: it timed out, was cancelled in flight, or the store answered 408 or 503 — it may
/// have been applied. Not a <see cref="DocumentStoreException"/>, which are definite refusals (nothing was written):
/// whoever catches this must read back before undoing anything.
/// </summary>
public sealed class DocumentOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);
