using Iom.Application.Cohort;
using Iom.Application.Offending;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.LoadBench;

/// <summary>
/// A year of a partnership's fact-bearing documents, made with the domain's own constructors and methods
/// (<see cref="Referral.Submit"/> then <c>Select</c>/<c>Decline</c>/<c>Defer</c>/<c>Withdraw</c>,
/// <see cref="CohortMembership.Select"/>/<see cref="CohortMembership.Deselect"/>, <see cref="ReleaseAlert.Raise"/> and
/// <c>Acknowledge</c>, <see cref="Circulation.Start"/>, <see cref="PanelAction.Complete"/>), written through the store's
/// own commit API: one <see cref="IDocumentStore.CommitAsync"/> per person (all their documents, one partition) with
/// many in flight, which the SQLite store's single writer groups up to 256 to a transaction. No SQL of its own.
/// Deterministic: person <c>n</c> is the same in every run of every size.
/// </summary>
internal sealed class RollupSeeder(IDocumentStore documents, WorkingDayCalendar calendar)
{
    /// <summary>The last day of seeded history; the measured days of changes follow it.</summary>
    public static readonly DateOnly HistoryEnd = new(2026, 11, 26);

    /// <summary>A year of referrals, up to <see cref="HistoryEnd"/>.</summary>
    public static readonly DateOnly HistoryStart = HistoryEnd.AddDays(-364);

    public const int OffendingRecordsPerPerson = 10;

    /// <summary>Person commits in flight at once: enough that the store's writer fills its 256-write transactions.</summary>
    private const int InFlight = 512;

    private static readonly PanelCode[] Panels = [PanelCode.Iom, PanelCode.Asb, PanelCode.Dyo];
    private static readonly string[] Agencies = ["police", "probation", "council", "health", "yot"];
    private static readonly string[] Genders = ["male", "male", "male", "female", "non-binary"];
    private static readonly string[] Ethnicities = ["white-british", "white-other", "black-caribbean", "asian-pakistani", "mixed-other", "not-stated"];
    private static readonly string[] Strands = ["catch-and-control", "prevent-and-deter", "rehabilitate-and-resettle"];

    /// <summary>What was seeded, and the candidates for the measured days' changes.</summary>
    public sealed class Ledger
    {
        public int People { get; set; }

        public int OffendingRecords { get; set; }

        public int Referrals { get; set; }

        public int Memberships { get; set; }

        public int Alerts { get; set; }

        public int Circulations { get; set; }

        public int Actions { get; set; }

        /// <summary>Referrals received (London date) on each day: the expected <c>referrals.received</c> of any period.</summary>
        public Dictionary<DateOnly, int> ReceivedOn { get; } = [];

        public List<string> PersonIds { get; } = [];

        /// <summary>Listed referrals whose meeting is still to come: a day's decisions take them.</summary>
        public Queue<(string PersonId, string ReferralId)> Pending { get; } = new();

        /// <summary>Release alerts the lead professional has not acknowledged yet.</summary>
        public Queue<(string PersonId, string AlertId)> Unacknowledged { get; } = new();

        /// <summary>People in the cohort now.</summary>
        public Queue<string> InCohort { get; } = new();

        public int ReceivedBetween(DateOnly from, DateOnly toExclusive) => ReceivedOn.Where(r => r.Key >= from && r.Key < toExclusive).Sum(r => r.Value);

        public void Received(DateOnly on) => ReceivedOn[on] = ReceivedOn.GetValueOrDefault(on) + 1;
    }

    public async Task<Ledger> SeedAsync(int people, CancellationToken cancellationToken)
    {
        var ledger = new Ledger { People = people };
        var built = new Person[people];
        for (var n = 0; n < people; n++)
        {
            built[n] = Build(n, ledger);
            ledger.PersonIds.Add(built[n].Id);
        }

        await Parallel.ForEachAsync(built, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (person, token) => await documents.CommitAsync(Containers.People, person.Id, person.Writes, token));

        await SeedPanelsAsync(ledger, built, cancellationToken);
        return ledger;
    }

    private sealed record Person(string Id, List<DocumentWrite> Writes, List<(PanelCode Panel, DateOnly Meeting, string PersonId, bool Selected)> Decided);

    /// <summary>Person <paramref name="n"/>: their offending records, one or two referrals, perhaps a cohort membership and a release alert.</summary>
    private Person Build(int n, Ledger ledger)
    {
        var random = new Random(n);
        var id = new Guid(random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + n.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)).ToString("N");
        var writes = new List<DocumentWrite>();
        var decided = new List<(PanelCode, DateOnly, string, bool)>();
        var seededAt = At(HistoryEnd, 20, 0);

        for (var k = 0; k < OffendingRecordsPerPerson; k++)
        {
            var offence = HistoryEnd.AddDays(-random.Next(60, 3 * 365));
            var outcome = offence.AddDays(random.Next(1, 59));
            var sourceRef = $"bench-pnc-{n}-{k}";
            writes.Add(DocumentWrite.Create(OffendingDocuments.RecordIdOf(sourceRef), new StoredOffendingRecord(
                id, sourceRef, offence, outcome, random.Next(5) == 0 ? OffenceOutcome.Caution : OffenceOutcome.Conviction,
                (OffenceGroup)random.Next(Enum.GetValues<OffenceGroup>().Length), seededAt)));
            ledger.OffendingRecords++;
        }

        var person = new PersonDetails(
            "Given" + n, "Family" + n, new DateOnly(1975, 1, 1).AddDays(random.Next(12_000)), Genders[random.Next(Genders.Length)],
            Ethnicities[random.Next(Ethnicities.Length)], null, null, null, null, null, Ward(random));
        var membership = CohortMembership.Empty(id);
        var referrals = random.Next(3) == 0 ? 2 : 1;
        var submitted = HistoryStart.AddDays(random.Next(0, 365 - (referrals * 60)));
        for (var r = 0; r < referrals; r++)
        {
            var panel = Panels[random.Next(Panels.Length)];
            var referralId = $"{id[..16]}{r:D2}{random.NextInt64():x14}"[..32];
            var submittedAt = At(submitted, random.Next(8, 18), random.Next(60));
            var meeting = MeetingFor(submitted.AddDays(14));
            var referral = Submit(referralId, id, n, r, panel, person, Agencies[random.Next(Agencies.Length)], submittedAt, meeting);
            ledger.Referrals++;
            ledger.Received(submitted);
            var roll = random.Next(100);
            if (roll < 8)
            {
                referral = referral.Withdraw(WithdrawalReason.Other, "Moved out of the area", submittedAt.AddDays(random.Next(1, 10)), "seed-referrer").Referral;
            }
            else if (meeting > HistoryEnd)
            {
                ledger.Pending.Enqueue((id, referralId));
            }
            else
            {
                var decidedAt = At(meeting, 15, 0);
                if (roll < 20)
                {
                    // Deferred to the next meeting, and decided there if it has been held.
                    referral = referral.Defer("More information needed", decidedAt, "seed-coordinator").Referral;
                    meeting = MeetingFor(meeting.AddDays(1));
                    referral = referral.ListFor(meeting, decidedAt.AddMinutes(5), "seed-coordinator").Referral;
                    decidedAt = At(meeting, 15, 0);
                    if (meeting > HistoryEnd)
                    {
                        ledger.Pending.Enqueue((id, referralId));
                    }
                }

                if (referral.Status == ReferralStatus.Listed && meeting <= HistoryEnd)
                {
                    if (roll < 65 && membership.Current is null)
                    {
                        referral = referral.Select(decidedAt, "seed-coordinator").Referral;
                        membership = membership.Select(meeting, panel, (CohortCategory)random.Next(5), (CohortType)random.Next(3),
                            [Strands[random.Next(Strands.Length)]], new LeadProfessional("Lead " + n, "probation", $"lead{n}@probation.example.gov.uk", LeadOid(n)),
                            new MeetingId(panel, meeting).ToString());
                        decided.Add((panel, meeting, id, true));
                        if (random.Next(5) == 0 && meeting.AddDays(120) <= HistoryEnd)
                        {
                            membership = membership.Deselect(meeting.AddDays(random.Next(90, 200)) is var to && to <= HistoryEnd ? to : HistoryEnd,
                                "completed", new MeetingId(panel, MeetingFor(meeting.AddDays(90))).ToString());
                        }

                        if (random.Next(4) == 0)
                        {
                            writes.Add(Alert(n, r, id, meeting, random, ledger));
                        }
                    }
                    else
                    {
                        referral = referral.Decline("Does not meet the criteria", decidedAt, "seed-coordinator").Referral;
                        decided.Add((panel, meeting, id, false));
                    }
                }
            }

            writes.Add(DocumentWrite.Create(referralId, referral));
            submitted = submitted.AddDays(random.Next(60, 180)) is var next && next <= HistoryEnd ? next : HistoryEnd;
        }

        if (membership.Periods.Count > 0)
        {
            writes.Add(DocumentWrite.Create(CohortDocuments.MembershipOf(id).Id, membership));
            ledger.Memberships++;
            if (membership.Current is not null)
            {
                ledger.InCohort.Enqueue(id);
            }
        }

        return new Person(id, writes, decided);
    }

    private DocumentWrite Alert(int n, int r, string personId, DateOnly selected, Random random, Ledger ledger)
    {
        var release = selected.AddDays(random.Next(7, 120));
        release = release <= HistoryEnd ? release : HistoryEnd;
        var occurred = At(release, 9, random.Next(60));
        var raised = occurred.AddMinutes(random.Next(3, 600));
        // One per spell: a person selected again after a spell ended may be released again.
        var notification = $"bench-release-{n}-{r}";
        var alert = ReleaseAlert.Raise(ReleaseAlertDocuments.IdPrefix + notification, personId, notification, ReleaseAlertKind.Released, release, occurred, null, raised,
        [
            new ReleaseAlertRecipient("lead-professional", ReleaseAlertRecipientRole.LeadProfessional, "probation", $"lead{n}@probation.example.gov.uk", LeadOid(n)),
            new ReleaseAlertRecipient("coordinator", ReleaseAlertRecipientRole.Coordinator, null, "iom.coordinator@council.example.gov.uk", "coordinator-oid"),
            new ReleaseAlertRecipient("agency-police", ReleaseAlertRecipientRole.Agency, "police", "iom.releases@police.example.gov.uk", null),
        ], calendar);
        ledger.Alerts++;
        var acknowledged = raised.AddMinutes(random.Next(10, 30 * 60));
        if (random.Next(10) < 8 && acknowledged < At(HistoryEnd, 23, 0))
        {
            alert = alert.Acknowledge(LeadAcknowledger(n), acknowledged).Alert;
        }
        else
        {
            ledger.Unacknowledged.Enqueue((personId, alert.Id));
        }

        return DocumentWrite.Create(alert.Id, alert);
    }

    /// <summary>Each panel's monthly meetings of the year: the agenda and the minutes circulated, and two actions per person selected.</summary>
    private async Task SeedPanelsAsync(Ledger ledger, Person[] people, CancellationToken cancellationToken)
    {
        var selections = people.SelectMany(p => p.Decided).Where(d => d.Selected).ToLookup(d => (d.Panel, d.Meeting));
        foreach (var panel in Panels)
        {
            var circulations = new List<DocumentWrite>();
            var actions = new List<DocumentWrite>();
            for (var meeting = MeetingFor(HistoryStart); meeting <= HistoryEnd; meeting = MeetingFor(meeting.AddDays(1)))
            {
                var id = new MeetingId(panel, meeting);
                var random = new Random(HashCode.Combine(panel, meeting.DayNumber));
                foreach (var (kind, due) in new[] { (CirculationKind.Agenda, CirculationDates.AgendaDue(meeting, calendar)), (CirculationKind.Minutes, CirculationDates.MinutesDue(meeting, calendar)) })
                {
                    var sent = due.AddDays(random.Next(-3, 3));
                    if (sent > HistoryEnd)
                    {
                        continue;
                    }

                    var circulation = Circulation.Start(id, kind, "1", due, At(sent, 16, 0),
                        Enumerable.Range(0, 8).Select(m => new CirculationAddressee($"member{m}@{panel.ToString().ToLowerInvariant()}.example.gov.uk", "Member " + m, RecipientRole.Member)),
                        _ => true);
                    circulations.Add(DocumentWrite.Create(circulation.Id, circulation));
                }

                var k = 0;
                foreach (var selection in selections[(panel, meeting)])
                {
                    for (var a = 0; a < 2; a++, k++)
                    {
                        var action = new PanelAction($"action-{id}-1-{k}", panel, id.ToString(), "Home visit and report back", LeadOid(k), meeting.AddDays(28), selection.PersonId,
                            PanelActionStatus.Open, At(meeting, 17, 0));
                        var done = meeting.AddDays(random.Next(7, 45));
                        if (random.Next(5) != 0 && done <= HistoryEnd)
                        {
                            action = action.Complete(At(done, 11, 0), action.OwnerMemberId, byCoordinator: false);
                        }

                        actions.Add(DocumentWrite.Create(action.Id, action));
                    }
                }
            }

            ledger.Circulations += circulations.Count;
            ledger.Actions += actions.Count;
            await documents.CommitAsync(Containers.Panels, Meeting.PartitionOf(panel), circulations, cancellationToken);
            // The actions' partition grows with the cohort: committed in slices so no transaction is unbounded.
            foreach (var chunk in actions.Chunk(500))
            {
                await documents.CommitAsync(Containers.Panels, PanelActionDocuments.PartitionOf(panel), chunk, cancellationToken);
            }
        }
    }

    public static Referral Submit(string referralId, string personId, int n, int r, PanelCode panel, PersonDetails person, string agency, DateTimeOffset submittedAt, DateOnly meeting) =>
        Referral.Submit(referralId, personId, $"{panel.ToString().ToUpperInvariant()}-{submittedAt:yyMMdd}-{n % 10_000:D4}{r}", ReferralType.Iom,
            new RoutingDecision("adult-iom", new Dictionary<string, string>(), panel), meeting, person, "Prolific acquisitive offending since release.",
            ["burglary"], ["drugs"], RiskOfSeriousHarm.Medium, 0, false, null, 70, true, false,
            new ReferrerDetails("PC Sam Patel", "sam.patel@police.example.gov.uk", null), agency, "seed-referrer", submittedAt, []).Referral;

    /// <summary>The panels meet monthly on the second Tuesday: the first such meeting on or after <paramref name="from"/>.</summary>
    public static DateOnly MeetingFor(DateOnly from)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); ; month = month.AddMonths(1))
        {
            var secondTuesday = month.AddDays((((int)DayOfWeek.Tuesday - (int)month.DayOfWeek + 7) % 7) + 7);
            if (secondTuesday >= from)
            {
                return secondTuesday;
            }
        }
    }

    /// <summary>A London wall-clock moment on <paramref name="day"/> (GMT or BST as the day falls).</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static string LeadOid(int n) => $"00000000-0000-4000-8000-{n:D12}";

    public static Domain.Releases.ReleaseAlertAcknowledger LeadAcknowledger(int n) => new(LeadOid(n), $"lead{n}@probation.example.gov.uk", "probation");

    // One of the shipped demo's ward codes (E05999901–E05999918), or none recorded.
    private static string? Ward(Random random) => random.Next(10) == 0 ? null : $"E059999{random.Next(1, 19):D2}";
}
