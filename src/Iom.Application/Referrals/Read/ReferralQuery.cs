using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Read;

/// <summary>A page of a panel's list: <see cref="Continuation"/> is the token of the next page, if any.</summary>
public sealed record ReferralQuery(PanelCode Panel, DateOnly? Meeting, ReferralStatus? Status, int PageSize, string? Continuation = null);
