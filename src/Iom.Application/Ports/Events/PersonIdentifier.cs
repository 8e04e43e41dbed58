namespace Iom.Application.Ports.Events;

/// <param name="Type">e.g. "IOM" (our person id), "CRN", "NOMS".</param>
public sealed record PersonIdentifier(string Type, string Value);
