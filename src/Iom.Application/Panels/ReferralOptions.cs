using System.ComponentModel.DataAnnotations;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>Configuration section "Referrals": the local thresholds of the intake rules.</summary>
public sealed class ReferralOptions
{
    public const string SectionName = "Referrals";

    /// <summary>DYO selection: Asset score at or over this (24 in the Richmond model).</summary>
    [Range(0, 64)] public int DyoAssetThreshold { get; set; } = 24;

    /// <summary>New referrals must reach the panel at least this many working days before the meeting (ASB rule 2.6).</summary>
    [Range(0, 60)] public int CutoffWorkingDays { get; set; } = 10;

    public EligibilityOptions Eligibility => new(DyoAssetThreshold);
}
