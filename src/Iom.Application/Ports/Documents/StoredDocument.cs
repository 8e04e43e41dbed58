namespace Iom.Application.Ports.Documents;

public sealed record StoredDocument<T>(DocumentKey Key, T Value, string ETag);
