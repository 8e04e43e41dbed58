namespace Iom.Application.Ports.Documents;

/// <summary>One page of a <see cref="DocumentQuery"/>; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record DocumentPage<T>(IReadOnlyList<StoredDocument<T>> Items, string? Continuation);
