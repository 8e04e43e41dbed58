using System.Globalization;
using Iom.Application.Cohort;
using Iom.Application.Offending;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.Application.Tests.Performance;

/// <summary>
/// A small partnership whose documents change at random (a seeded <see cref="Random"/>, so a failure is replayed by
/// its seed): referrals submitted, listed, decided, withdrawn and erased by retention; people selected and
/// de-selected; alerts raised and acknowledged; actions set and done; agendas and minutes sent. Every change is a
/// real write to the SQLite store, as the handlers make it. Dates of birth put birthdays across the age bands inside
/// the weeks the tests run over.
/// </summary>
public sealed class IncrementalWorld(RollupKit kit, int seed)
{
    // Off-list and differently cased claims too: the rollups must key them as the list says, incrementally and in full.
    private static readonly string[] Agencies = ["police", "probation", "council", " ", "POLICE", "natwest"];
    private static readonly string?[] Wards = ["E05000001", "E05000002", "Chapel Allerton", null];
    private static readonly DateOnly[] Births =
    [
        new(2008, 3, 30), new(2001, 4, 2), new(1991, 3, 31), new(1981, 4, 1), new(1971, 3, 29), new(2008, 2, 29),
        new(1990, 1, 1), new(1985, 6, 15), new(2000, 12, 1), new(1962, 4, 3), new(2009, 1, 1), new(1996, 3, 28),
    ];

    private readonly Random random = new(seed);
    private readonly List<(string PersonId, string Id)> referrals = [];
    private readonly List<(string PersonId, string Id)> alerts = [];
    private readonly List<string> actions = [];
    private int next;

    private IDocumentStore Documents => kit.Real;

    /// <summary>Makes <paramref name="count"/> random changes during the London day <paramref name="day"/>.</summary>
    public async Task ChangeAsync(DateOnly day, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            // Through the working day in order (the clock only goes forward).
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes((i * 8 * 60 / count) + random.Next(0, 8 * 60 / count));
            at = at > kit.Time.GetUtcNow() ? at : kit.Time.GetUtcNow().AddMinutes(1);
            kit.Time.SetUtcNow(at);
            await (random.Next(11) switch
            {
                10 => RecordOffenceAsync(day, at, cancellationToken),
                0 or 1 => SubmitAsync(day, at, cancellationToken),
                2 => DecideAsync(at, cancellationToken),
                3 => DeselectAsync(day, cancellationToken),
                4 => RaiseAlertAsync(day, at, cancellationToken),
                5 => AcknowledgeAsync(at, cancellationToken),
                6 => SetActionAsync(day, at, cancellationToken),
                7 => CompleteActionAsync(at, cancellationToken),
                8 => CirculateAsync(day, at, cancellationToken),
                _ => EraseAsync(at, cancellationToken),
            });
        }
    }

    // A proven offence arriving from the offending-data upload: it moves its person's re-offending fact, if they were
    // ever in the cohort.
    private async Task RecordOffenceAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var person = Person();
        var sourceRef = $"pnd-{next++:0000}";
        var offence = day.AddDays(-random.Next(0, 40));
        var record = new StoredOffendingRecord(person, sourceRef, offence, offence.AddDays(random.Next(0, 20)) is var outcome && outcome <= day ? outcome : day,
            Pick([OffenceOutcome.Conviction, OffenceOutcome.Caution]), OffenceGroup.Violence, at);
        await Documents.CreateAsync(OffendingDocuments.RecordOf(person, sourceRef), record, cancellationToken);
    }

    private string Person() => "person-" + random.Next(Births.Length).ToString("00", CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private async Task SubmitAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var person = Person();
        var id = $"referral-{next++:0000}";
        DateOnly? meeting = random.Next(3) == 0 ? null : day.AddDays(random.Next(-3, 25));
        var details = new PersonDetails("Sam", "Smith", Births[int.Parse(person[^2..], CultureInfo.InvariantCulture)], random.Next(4) == 0 ? " " : Pick(["male", "female"]),
            random.Next(3) == 0 ? " " : Pick(["white-british", "asian-british"]), null, null, null, null, null, Pick(Wards));
        var referral = Referral.Submit(
            id, person, "IOM-260301-" + id[^4..], ReferralType.Iom, new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), meeting,
            details, "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
            Pick(Agencies), "user-1", at, []).Referral;
        await Documents.CreateAsync(ReferralStore.KeyOf(person, id), referral, cancellationToken);
        referrals.Add((person, id));
    }

    // A panel outcome or a withdrawal for a referral still open; a selection also selects the person into the cohort.
    private async Task DecideAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (referrals.Count == 0)
        {
            return;
        }

        var (person, id) = Pick(referrals);
        if (await Documents.ReadAsync<Referral>(ReferralStore.KeyOf(person, id), cancellationToken) is not { } stored
            || stored.Value.Status is not (ReferralStatus.Deferred or ReferralStatus.Listed or ReferralStatus.AwaitingMeeting))
        {
            return;
        }

        var referral = stored.Value;
        var move = random.Next(4);
        Referral changed;
        try
        {
            changed = move switch
            {
                0 => referral.Select(at, "coordinator").Referral,
                1 => referral.Decline("not suitable", at, "coordinator").Referral,
                2 => referral.Defer("more information", at, "coordinator").Referral,
                _ => referral.Withdraw(WithdrawalReason.PersonMovedAway, null, at, "user-1").Referral,
            };
        }
        catch (InvalidOperationException)
        {
            // A move the referral's state does not allow: the world makes another change instead.
            return;
        }

        await Documents.ReplaceAsync(ReferralStore.KeyOf(referral.PersonId, referral.Id), changed, stored.ETag, cancellationToken);
        if (move == 0)
        {
            var key = CohortDocuments.MembershipOf(referral.PersonId);
            var membership = (await Documents.ReadAsync<CohortMembership>(key, cancellationToken))?.Value ?? CohortMembership.Empty(referral.PersonId);
            if (membership.Current is null)
            {
                var selected = membership.Select(LondonTime.LondonDate(at), PanelCode.Iom, Pick(Enum.GetValues<CohortCategory>()), Pick(Enum.GetValues<CohortType>()),
                    random.Next(3) == 0 ? [] : [Pick(["catch-and-control", "resettle", "prevent"])], new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-meeting");
                await Documents.UpsertAsync(key, selected, cancellationToken);
            }
        }
    }

    private async Task DeselectAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var key = CohortDocuments.MembershipOf(Person());
        if ((await Documents.ReadAsync<CohortMembership>(key, cancellationToken))?.Value is { Current: not null } membership)
        {
            await Documents.UpsertAsync(key, membership.Deselect(day.AddDays(random.Next(-2, 1)), "progressed", "iom-meeting"), cancellationToken);
        }
    }

    private async Task RaiseAlertAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var person = Person();
        var id = $"alert-{next++:0000}";
        var alert = ReleaseAlert.Raise(id, person, "release-" + id, Pick([ReleaseAlertKind.Released, ReleaseAlertKind.Transferred]), day, at.AddMinutes(-random.Next(0, 600)), null, at,
            [new ReleaseAlertRecipient("lead-professional", ReleaseAlertRecipientRole.LeadProfessional, "probation", "alex@justice.gov.uk", "lead-oid")], new WorkingDayCalendar());
        await Documents.CreateAsync(ReleaseAlertDocuments.KeyOf(person, id), alert, cancellationToken);
        alerts.Add((person, id));
    }

    private async Task AcknowledgeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        var (person, id) = Pick(alerts);
        var stored = await Documents.ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(person, id), cancellationToken);
        if (stored?.Value is { } alert && alert.Recipients.All(r => r.AcknowledgedAt is null))
        {
            var acknowledged = alert with { Recipients = [.. alert.Recipients.Select(r => r with { AcknowledgedAt = at.AddMinutes(random.Next(0, 90)), AcknowledgedBy = "lead-oid" })] };
            await Documents.ReplaceAsync(ReleaseAlertDocuments.KeyOf(person, id), acknowledged, stored.ETag, cancellationToken);
        }
    }

    private async Task SetActionAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = $"action-{next++:0000}";
        var action = new PanelAction(id, PanelCode.Iom, "iom-meeting", "Visit", "owner", day.AddDays(random.Next(-3, 12)), Person(), PanelActionStatus.Open, at);
        await Documents.CreateAsync(PanelActionDocuments.KeyOf(PanelCode.Iom, id), action, cancellationToken);
        actions.Add(id);
    }

    private async Task CompleteActionAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var key = PanelActionDocuments.KeyOf(PanelCode.Iom, Pick(actions));
        if (await Documents.ReadAsync<PanelAction>(key, cancellationToken) is { Value.Status: PanelActionStatus.Open } stored)
        {
            await Documents.ReplaceAsync(key, stored.Value.Complete(at, "owner", byCoordinator: false), stored.ETag, cancellationToken);
        }
    }

    private async Task CirculateAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = $"circulation-{next++:0000}";
        var circulation = new Circulation(id, "iom-meeting", PanelCode.Iom, Pick([CirculationKind.Agenda, CirculationKind.Minutes]), random.Next(4) == 0 ? "2" : "1",
            day.AddDays(random.Next(-4, 10)), at, [], []);
        await Documents.CreateAsync(new DocumentKey(Containers.Panels, PanelDirectory.Code(PanelCode.Iom), id), circulation, cancellationToken);
    }

    // Retention's erasure of a closed referral: the delete and the marker in one commit, as ApplyRetention makes it.
    private async Task EraseAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (referrals.Count == 0)
        {
            return;
        }

        var (person, id) = Pick(referrals);
        if (await Documents.ReadAsync<Referral>(ReferralStore.KeyOf(person, id), cancellationToken) is { Value.Status: ReferralStatus.Declined or ReferralStatus.Withdrawn } stored)
        {
            await Documents.CommitAsync(Containers.People, person,
                [DocumentWrite.Delete(id, stored.ETag), DocumentWrite.Upsert(ReferralErased.IdOf(id), new ReferralErased(person, id, at))], cancellationToken);
            referrals.Remove((person, id));
        }
    }

    /// <summary>Every rollup the night wrote, next to a full <see cref="RollupCalculator.Compute"/> over every fact now.</summary>
    public async Task<IReadOnlyList<(string Period, string Stored, string Expected)>> CompareAsync(DateOnly night, IReadOnlyList<string> periods, CancellationToken cancellationToken)
    {
        var full = await new DocumentFactSource(kit.Real, kit.CurrentAgencies).ReadAsync(cancellationToken);
        var result = new List<(string, string, string)>();
        foreach (var name in periods)
        {
            ReportingPeriod.TryParse(name, out var period).ShouldBeTrue();
            var stored = (await kit.Real.ReadAsync<Rollup>(RollupDocuments.KeyOf(period!), cancellationToken)).ShouldNotBeNull().Value;
            var expected = RollupCalculator.Compute(period!, night, full.Facts, new RollupWatermark(full.AsOf, null), new WorkingDayCalendar());
            result.Add((name, Json(stored with { Watermark = expected.Watermark }), Json(expected)));
        }

        return result;
    }

    private static string Json(Rollup rollup) => System.Text.Encoding.UTF8.GetString(RollupWriter.Bytes(rollup));
}
