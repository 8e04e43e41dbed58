using System.Text.RegularExpressions;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Iom.Domain.Wards;

namespace Iom.Application.Wards.Mapping;

/// <summary>
/// Maps the free-text ward of every stored referral (recorded before wards were codes) to its configured ward's code,
/// and reports the values it cannot map. An explicit operation, not a request path: it scans every referral, a page at
/// a time (<see cref="IDocumentStore.ReadKindAsync{T}"/>), and commits each changed referral on its own with its
/// Alteration record, so a run that stops part-way leaves every referral either mapped or untouched, and the next run
/// carries on (a mapped referral holds a code and is passed over). A dry run reads only.
/// </summary>
public sealed partial class MapStoredWards(IDocumentStore documents, AuditTrail audit, WardList wards, TimeProvider time)
{
    public const string Purpose = "Ward codes: recording the configured ONS code of the ward a referral named in free text";

    /// <summary>A referral changed meanwhile is read again this many times before it is left for the next run.</summary>
    public const int MaxAttempts = 3;

    public async Task<WardMappingReport> HandleAsync(bool dryRun, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.ReachEvery<Referral>(() => new RefusalException(RefusalKind.Forbidden, "not-every-referral",
            "Mapping wards changes every referral, so only a co-ordinator may run it."));
        int scanned = 0, withoutWard = 0, alreadyCoded = 0, mapped = 0, changedMeanwhile = 0;
        var unmapped = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var stored in documents.ReadKindAsync<Referral>(Containers.People, cancellationToken))
        {
            scanned++;
            var (match, ward) = wards.Classify(stored.Value.Person.Ward);
            switch (match)
            {
                case WardMatch.None:
                    withoutWard++;
                    break;
                case WardMatch.Code:
                    alreadyCoded++;
                    break;
                case WardMatch.Unknown:
                    var value = Spaces().Replace(stored.Value.Person.Ward!, " ").Trim();
                    unmapped[value] = unmapped.GetValueOrDefault(value) + 1;
                    break;
                case WardMatch.Name when dryRun:
                    mapped++;
                    break;
                case WardMatch.Name:
                    if (await MapAsync(stored, actor, cancellationToken))
                    {
                        mapped++;
                    }
                    else
                    {
                        changedMeanwhile++;
                    }

                    break;
            }
        }

        return new WardMappingReport(dryRun, scanned, withoutWard, alreadyCoded, mapped, changedMeanwhile,
            [.. unmapped.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => new UnmappedWard(u.Key, u.Value))]);
    }

    // True once the referral holds its ward's code (whoever wrote it); false when it kept changing under this run or went.
    private async Task<bool> MapAsync(StoredDocument<Referral> first, ActingAs actor, CancellationToken cancellationToken)
    {
        var stored = first;
        for (var attempt = 1; ; attempt++)
        {
            var referral = stored.Value;
            if (wards.Classify(referral.Person.Ward) is not (WardMatch.Name, { } ward))
            {
                return true;
            }

            // The ETag: a concurrent change (a withdrawal, the panel's decision) wins, and this one is read again.
            try
            {
                await audit.CommitAsync(actor.Entry(referral.PersonId, AuditOperation.Alteration, $"referral/{referral.Id}", time.GetUtcNow()),
                    [DocumentWrite.Replace(referral.Id, referral.WithWardCode(ward), stored.ETag)], cancellationToken);
                return true;
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxAttempts)
            {
                if (await documents.ReadAsync<Referral>(ReferralStore.KeyOf(referral.PersonId, referral.Id), cancellationToken) is not { } again)
                {
                    return false;
                }

                stored = again;
            }
            catch (DocumentPreconditionFailedException)
            {
                return false;
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
