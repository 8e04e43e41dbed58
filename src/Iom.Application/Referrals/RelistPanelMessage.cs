using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

public sealed record RelistPanelMessage(PanelCode Panel)
{
    /// <summary>The request that added the meetings, so the listings it causes are tied to it in the audit log.</summary>
    public string? CorrelationId { get; init; }
}
