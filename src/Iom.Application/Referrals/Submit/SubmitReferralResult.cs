using Iom.Application.Api;
using Iom.Application.Referrals.Read;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Submit;

/// <summary>What the intake answers: the new referral's id, reference and where it went.</summary>
public sealed record SubmitReferralResult(
    string Id,
    string Reference,
    ReferralStatus Status,
    PanelCode Panel,
    DateOnly? MeetingDate,
    RoutingDecisionView DecidedBy) : IApiResponse;
