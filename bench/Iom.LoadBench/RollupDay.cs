using Iom.Application.Cohort;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.LoadBench;

/// <summary>
/// One working day's changes, between 09:00 and 17:00 London: of every 20, 8 new referrals, 6 panel decisions on
/// listed referrals (a selection also starts a cohort spell, in the same commit, as the decision does), 3 release
/// alerts acknowledged by their lead professional and 3 cohort memberships ended. Each is a read and one commit of the
/// person's partition with the stored ETag, through the store, a few at a time as a day's users would make them. A
/// change whose pool has run dry (a tiny store) is a new referral instead, so the day always has its count.
/// </summary>
internal sealed class RollupDay(IDocumentStore documents, RollupSeeder.Ledger ledger, DateOnly day, int changes, int dayNumber)
{
    private const int Concurrency = 8;

    // Of every 20 changes: 8 New referrals, 6 Decisions, 3 Acknowledgements, 3 memberships Ended, interleaved so that
    // even a day of 10 has each kind.
    private const string Mix = "NDAENDNEDANDNEDANDNN";
    private readonly Lock _sync = new();
    private int _newReferrals;
    private int _decisions;
    private int _acknowledgements;
    private int _ended;

    public sealed record Made(int Total, int NewReferrals, int Decisions, int Acknowledgements, int MembershipsEnded);

    public async Task<Made> ApplyAsync(CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, changes), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var at = RollupSeeder.At(day, 9, 0).AddMinutes(480.0 * i / changes);
                var applied = Mix[i % Mix.Length] switch
                {
                    'D' => await DecideAsync(i, at, token),
                    'A' => await AcknowledgeAsync(at, token),
                    'E' => await EndMembershipAsync(at, token),
                    _ => false,
                };
                if (!applied)
                {
                    await NewReferralAsync(i, at, token);
                }
            });
        return new Made(_newReferrals + _decisions + _acknowledgements + _ended, _newReferrals, _decisions, _acknowledgements, _ended);
    }

    private async Task NewReferralAsync(int i, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var n = ((dayNumber * changes) + i) % ledger.PersonIds.Count;
        var personId = ledger.PersonIds[n];
        var referralId = $"{personId[..16]}d{dayNumber:D3}{i:D12}"[..32];
        var person = new PersonDetails("Given" + n, "Family" + n, new DateOnly(1990, 1, 1), "male", "not-stated", null, null, null, null, null, "E05999901");
        var referral = RollupSeeder.Submit(referralId, personId, n, 90 + dayNumber, PanelCode.Iom, person, "police", at, RollupSeeder.MeetingFor(day.AddDays(14)));
        await documents.CommitAsync(Containers.People, personId, [DocumentWrite.Create(referralId, referral)], cancellationToken);
        lock (_sync)
        {
            _newReferrals++;
            ledger.Received(day);
            ledger.Pending.Enqueue((personId, referralId));
        }
    }

    private async Task<bool> DecideAsync(int i, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!TryTake(ledger.Pending, out var pending))
        {
            return false;
        }

        var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(pending.PersonId, pending.ReferralId), cancellationToken);
        if (stored is not { Value.Status: ReferralStatus.Listed })
        {
            return false;
        }

        var membership = await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(pending.PersonId), cancellationToken);
        var meetingId = new MeetingId(stored.Value.Panel, stored.Value.MeetingDate ?? day).ToString();
        List<DocumentWrite> writes;
        if (i % 2 == 0 && membership?.Value.Current is null)
        {
            var joined = (membership?.Value ?? CohortMembership.Empty(pending.PersonId)).Select(day, stored.Value.Panel, CohortCategory.Ppo, CohortType.Fixed,
                ["catch-and-control"], new LeadProfessional("Lead", "probation", "lead@probation.example.gov.uk", RollupSeeder.LeadOid(i)), meetingId);
            var key = CohortDocuments.MembershipOf(pending.PersonId).Id;
            writes =
            [
                DocumentWrite.Replace(stored.Key.Id, stored.Value.Select(at, "bench-coordinator").Referral, stored.ETag),
                membership is null ? DocumentWrite.Create(key, joined) : DocumentWrite.Replace(key, joined, membership.ETag),
            ];
            lock (_sync)
            {
                ledger.InCohort.Enqueue(pending.PersonId);
            }
        }
        else
        {
            writes = [DocumentWrite.Replace(stored.Key.Id, stored.Value.Decline("Does not meet the criteria", at, "bench-coordinator").Referral, stored.ETag)];
        }

        await documents.CommitAsync(Containers.People, pending.PersonId, writes, cancellationToken);
        Interlocked.Increment(ref _decisions);
        return true;
    }

    private async Task<bool> AcknowledgeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!TryTake(ledger.Unacknowledged, out var open))
        {
            return false;
        }

        var stored = await documents.ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(open.PersonId, open.AlertId), cancellationToken);
        if (stored?.Value.LeadProfessional() is not { ObjectId: { } oid } lead)
        {
            return false;
        }

        var acknowledged = stored.Value.Acknowledge(new ReleaseAlertAcknowledger(oid, lead.Email, lead.Agency), at);
        await documents.CommitAsync(Containers.People, open.PersonId, [DocumentWrite.Replace(open.AlertId, acknowledged.Alert, stored.ETag)], cancellationToken);
        Interlocked.Increment(ref _acknowledgements);
        return true;
    }

    private async Task<bool> EndMembershipAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!TryTake(ledger.InCohort, out var personId))
        {
            return false;
        }

        var key = CohortDocuments.MembershipOf(personId);
        var stored = await documents.ReadAsync<CohortMembership>(key, cancellationToken);
        if (stored?.Value.Current is not { } current)
        {
            return false;
        }

        var ended = stored.Value.Deselect(day, "completed", new MeetingId(current.Panel, day).ToString());
        await documents.CommitAsync(Containers.People, personId, [DocumentWrite.Replace(key.Id, ended, stored.ETag)], cancellationToken);
        Interlocked.Increment(ref _ended);
        return true;
    }

    private bool TryTake<T>(Queue<T> pool, out T taken)
    {
        lock (_sync)
        {
            return pool.TryDequeue(out taken!);
        }
    }
}
