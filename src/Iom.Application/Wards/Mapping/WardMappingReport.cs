using Iom.Application.Api;

namespace Iom.Application.Wards.Mapping;

/// <summary>
/// What a mapping run found, in counts only: no referral, person or reference is named, and the unmapped values are
/// the free text referrers wrote in the ward field (place names).
/// </summary>
/// <param name="DryRun">True when nothing was changed: <paramref name="Mapped"/> then says how many would be.</param>
/// <param name="Scanned">Referrals read.</param>
/// <param name="WithoutWard">Referrals with no ward recorded.</param>
/// <param name="AlreadyCoded">Referrals whose ward was already a configured code (a second run finds every mapped one here).</param>
/// <param name="Mapped">Referrals whose free-text ward named a configured ward and now hold its code.</param>
/// <param name="ChangedMeanwhile">Referrals changed by someone else while this run mapped them, after every retry: run again.</param>
/// <param name="Unmapped">Each distinct free-text value no ward's name or alias matches, with how many referrals hold it.</param>
public sealed record WardMappingReport(
    bool DryRun,
    int Scanned,
    int WithoutWard,
    int AlreadyCoded,
    int Mapped,
    int ChangedMeanwhile,
    IReadOnlyList<UnmappedWard> Unmapped) : IApiResponse;
