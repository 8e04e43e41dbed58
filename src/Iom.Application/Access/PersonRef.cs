namespace Iom.Application.Access;

/// <summary>A person, named by their internal id: what the audit log and subject export are about.</summary>
public readonly record struct PersonRef(string Id);
