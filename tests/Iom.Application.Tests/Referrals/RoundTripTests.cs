using Iom.Application.Outbox;
using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels.Meetings;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Read;
using Iom.Application.Referrals.Withdraw;
using Iom.Domain.Calendar;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>
/// Sequential store round trips per use case, counted by <see cref="RoundTripCountingStore"/> (docs/performance.md,
/// "Round trips per use case"). On Cosmos DB each is a network round trip, so they, not the calls, set the latency.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    /// <summary>The most a submission may take (issue 9); the rate limiter's two, in the HTTP pipeline, come on top.</summary>
    public const int MaxSubmissionRounds = 6;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-rounds-").FullName, "iom.db"));
    private readonly SqliteDocumentStore documents;
    private readonly RoundTripCountingStore counting;
    private readonly Audit.AuditKit kit;
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public RoundTripTests()
    {
        documents = new SqliteDocumentStore(database);
        counting = new RoundTripCountingStore(documents);
        kit = new Audit.AuditKit(documents);
    }

    public void Dispose() => database.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Rounds<T>(Func<Task<T>> work, string useCase)
    {
        counting.Reset();
        SingleThreadedContext.Run(work);
        TestContext.Current.TestOutputHelper?.WriteLine($"{useCase}: {counting.Rounds} rounds, {counting.Calls} calls: {string.Join(" → ", counting.Log.Select(r => string.Join(" + ", r)))}");
        return counting.Rounds;
    }

    private Task<Iom.Application.Referrals.Submit.SubmitReferralResult> Submit(string agency, string? key = null) =>
        Submissions.Handler(counting, time, kit: kit).HandleAsync(Submissions.Referral(), Submissions.Referrer(agency), key, Ct);

    [Fact]
    public void Submitting_a_new_person_takes_three_sequential_round_trips()
    {
        var rounds = Rounds(() => Submit("police", "key-1"), "submit, new person");

        rounds.ShouldBeLessThanOrEqualTo(MaxSubmissionRounds);
        rounds.ShouldBe(3);
    }

    [Fact]
    public void Submitting_a_person_known_from_a_withdrawn_referral_takes_four_sequential_round_trips()
    {
        var first = SingleThreadedContext.Run(() => Submit("police"));
        SingleThreadedContext.Run(() => WithdrawAsync(first.Id));

        var rounds = Rounds(() => Submit("probation", "key-2"), "submit, known person");

        rounds.ShouldBeLessThanOrEqualTo(MaxSubmissionRounds);
        rounds.ShouldBe(4);
        (SingleThreadedContext.Run(() => documents.FindAsync(first.Id, Ct))!).Value.Status.ShouldBe(ReferralStatus.Withdrawn);
    }

    [Fact]
    public void A_duplicate_is_refused_and_its_disclosure_audited_in_three_sequential_round_trips()
    {
        SingleThreadedContext.Run(() => Submit("police"));

        var rounds = Rounds(async () => await Should.ThrowAsync<RefusalException>(() => Submit("probation", "key-3")), "submit, duplicate");

        rounds.ShouldBeLessThanOrEqualTo(MaxSubmissionRounds);
        rounds.ShouldBe(3);
        counting.Log[^1].ShouldContain(call => call.StartsWith("commit people", StringComparison.Ordinal));
    }

    [Fact]
    public void A_retry_with_the_same_idempotency_key_is_answered_from_the_stored_referral_within_the_limit()
    {
        var first = SingleThreadedContext.Run(() => Submit("police", "key-4"));

        Iom.Application.Referrals.Submit.SubmitReferralResult? replayed = null;

        var rounds = Rounds(async () => replayed = await Submit("police", "key-4"), "submit, replayed by Idempotency-Key");

        System.Text.Json.JsonSerializer.Serialize(replayed).ShouldBe(System.Text.Json.JsonSerializer.Serialize(first));
        rounds.ShouldBeLessThanOrEqualTo(MaxSubmissionRounds);
    }

    [Fact]
    public void Reading_one_referral_withdrawing_it_and_creating_meetings_take_the_round_trips_the_performance_table_gives()
    {
        var submitted = SingleThreadedContext.Run(() => Submit("police"));
        var reader = Submissions.Referrer("police") with { Scope = new ObjectScope(new ReferralAccess(Submissions.Panels()), new HashSet<string> { Roles.Referrer }) };

        Rounds(() => new GetReferralHandler(counting, kit.Trail(counting), time).HandleAsync(submitted.Id, reader, Ct), "read one").ShouldBe(4);
        Rounds(() => WithdrawAsync(submitted.Id), "withdraw").ShouldBe(5);
        Rounds(() => CreateMeetingsAsync(new CreateMeetingsRequest { Date = "2027-01-12" }), "create one meeting").ShouldBe(3);
        Rounds(() => CreateMeetingsAsync(new CreateMeetingsRequest { Recurrence = new RecurrenceInput { Weekday = "tuesday", NthInMonth = 2 }, From = "2027-02-01", Until = "2027-12-31" }),
            "create a monthly series (11 meetings)").ShouldBe(3);
    }

    [Fact]
    public void Saving_minutes_that_decide_about_two_people_takes_five_sequential_round_trips()
    {
        SingleThreadedContext.Run(() => CreateMeetingsAsync(new CreateMeetingsRequest { Date = "2027-01-12" }));
        var ids = new List<string>();
        foreach (var name in new[] { "Quenby", "Marsh" })
        {
            var request = Submissions.Referral() with { Person = Submissions.Referral().Person! with { FamilyName = name } };
            ids.Add(SingleThreadedContext.Run(() => Submissions.Handler(documents, time, kit: kit).HandleAsync(request, Submissions.Referrer("police"), Ct)).Id);
        }

        var save = new Iom.Application.Panels.Minutes.SaveMinutesHandler(counting, kit.Trail(counting), new Iom.Application.Panels.Membership.StoredPanelRosters(new Iom.Application.Panels.Membership.PanelMembershipStore(counting, new Iom.Application.Panels.Membership.PanelMembershipSeed(Submissions.Panels()))), time);
        var minutes = new Iom.Application.Panels.Minutes.SaveMinutesRequest
        {
            Decisions = [.. ids.Select(id => new Iom.Application.Panels.Minutes.DecisionInput { ReferralId = id, Outcome = "declined", ReasonCode = "below-threshold" })],
        };

        // The meeting with its minutes; the stored panel memberships (the roster of the meeting's day); the referrals'
        // locators (with the audit keys); the referrals with each person's chain head, then the audit commits (in
        // parallel, one partition each); the minutes.
        var rounds = Rounds(() => save.HandleAsync("iom-2027-01-12", minutes, null, false, Panels.MinutesKit.Coordinator(), Ct), "save minutes, two decisions");

        rounds.ShouldBe(5);
    }

    private Task<Referral> WithdrawAsync(string referralId)
    {
        var actor = Submissions.Referrer("police") with { Scope = new ObjectScope(new ReferralAccess(Submissions.Panels()), new HashSet<string> { Roles.Referrer }) };
        return new WithdrawReferralHandler(counting, kit.Trail(counting), time).HandleAsync(referralId, new WithdrawReferralRequest { Reason = "referred-in-error" }, actor, Ct);
    }

    private Task<IReadOnlyList<CreatedMeeting>> CreateMeetingsAsync(CreateMeetingsRequest request)
    {
        var coordinator = new ActingAs(new Caller("coordinator", "A Co-ordinator", "iom.coordinator@richmond.gov.uk", "council", new HashSet<string> { Roles.Coordinator }), "corr", "p")
        {
            Scope = new ObjectScope(new PanelAccess(Submissions.Panels()), new HashSet<string> { Roles.Coordinator }),
        };
        return new CreateMeetingsHandler(counting, new OutboxRelay(counting, new NoQueue(), time, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxRelay>.Instance), new WorkingDayCalendar(), time).HandleAsync(PanelCode.Iom, request, coordinator, Ct);
    }

    private sealed class NoQueue : IQueueSender
    {
        public Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
