using Iom.Domain.Wire;

namespace Iom.Application.Audit;

/// <summary>The operations on personal data that the Data Protection Act 2018 s.62 requires to be logged.</summary>
public enum AuditOperation
{
    [WireName("collection")] Collection,
    [WireName("alteration")] Alteration,
    [WireName("consultation")] Consultation,
    [WireName("disclosure")] Disclosure,
    [WireName("combination")] Combination,
    [WireName("erasure")] Erasure,
}
