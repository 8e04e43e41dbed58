namespace Iom.Application.Ports.AuditAnchors;

/// <summary>One audit chain as it stood when anchored: how many records, and the seal (MAC) of the last.</summary>
public sealed record ChainCheckpoint(string PersonId, long Count, string LastMac);
