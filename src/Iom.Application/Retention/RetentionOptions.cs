using System.ComponentModel.DataAnnotations;

namespace Iom.Application.Retention;

/// <summary>
/// Configuration section "Retention": how long each kind of record is kept after it closes. Refused referrals are
/// never stored, so they need no rule. Later flows add theirs here.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Days a withdrawn referral is kept after its withdrawal.</summary>
    [Range(1, 3650)] public int WithdrawnReferralDays { get; set; } = 180;

    /// <summary>Days a declined referral is kept after the panel's decision.</summary>
    [Range(1, 3650)] public int DeclinedReferralDays { get; set; } = 365;
}
