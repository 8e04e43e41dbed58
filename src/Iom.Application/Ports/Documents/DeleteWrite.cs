namespace Iom.Application.Ports.Documents;

public sealed record DeleteWrite(string Id, string? IfMatchETag) : DocumentWrite(Id);
