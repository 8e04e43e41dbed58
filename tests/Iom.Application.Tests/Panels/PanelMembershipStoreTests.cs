using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Mail;
using Iom.Application.Panels;
using Iom.Application.Panels.Membership;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Panels;

/// <summary>Panel membership against the real SQLite store: seeded from configuration, dated history, access, concurrency.</summary>
public sealed class PanelMembershipStoreTests : IDisposable
{
    private const string Chair = "11111111-1111-4111-8111-111111111111";
    private const string Ppo = "22222222-2222-4222-8222-222222222222";
    private const string Housing = "33333333-3333-4333-8333-333333333333";
    private const string AsbMember = "44444444-4444-4444-8444-444444444444";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Monday 14 December 2026, 09:00 in London.
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-membership-").FullName, "iom.db"));

    public void Dispose() => database.Dispose();

    private static readonly PanelDirectory Panels = new(Options.Create(new PanelsOptions
    {
        Panels =
        {
            ["iom"] = new PanelOptions
            {
                Name = "IOM Panel",
                CoordinatorEmail = "iom@richmond.gov.uk",
                Members =
                [
                    new PanelMemberOptions { Name = "SPO (Chair)", Organisation = "Probation", Post = "Senior Probation Officer (Chair)", Email = "spo@probation.gov.uk", ObjectId = Chair },
                    new PanelMemberOptions { Name = "PPO Officer", Organisation = "Richmond Police", Post = "PPO Officer", Email = "ppo@met.police.uk", ObjectId = Ppo, Attendance = MemberAttendance.AsRequired },
                ],
            },
            ["asb"] = new PanelOptions
            {
                Name = "ASB Panel",
                CoordinatorEmail = "asb@richmond.gov.uk",
                Members = [new PanelMemberOptions { Name = "Sergeant", Organisation = "Richmond Police", Post = "Sergeant", Email = "sgt@met.police.uk", ObjectId = AsbMember }],
            },
        },
    }));

    private static DateOnly Day(int offset) => new DateOnly(2026, 12, 14).AddDays(offset);

    private IDocumentStore Documents => new SqliteDocumentStore(database);

    private PanelMembershipStore Store(IDocumentStore? documents = null) => new(documents ?? Documents, new PanelMembershipSeed(Panels));

    private PanelMembersHandler Handler(IDocumentStore? documents = null) =>
        new(Store(documents), new SecureMailDomains(Options.Create(new MailOptions())), time);

    private static ActingAs Coordinator(string oid = "55555555-5555-4555-8555-555555555555") =>
        new(new Caller(oid, "A Co-ordinator", null, "council", new HashSet<string> { Roles.Coordinator }), "corr-members", PanelMembersHandler.ChangePurpose)
        {
            Scope = new ObjectScope(new PanelAccess(Panels), new HashSet<string> { Roles.Coordinator }),
        };

    private static AddPanelMemberRequest NewMember(string id = Housing, string? from = null, string seat = "member", string organisation = "Housing", string email = "housing@richmond.gov.uk") => new()
    {
        MemberId = id,
        Name = "Head of Housing",
        Organisation = organisation,
        Post = "Head of Operations",
        Email = email,
        Attendance = "permanent",
        Seat = seat,
        EffectiveFrom = from,
    };

    private static string[] Ids(PanelRoster roster) => [.. roster.Members.Select(m => m.MemberId)];

    [Fact]
    public async Task A_panel_never_changed_is_its_configured_roster_on_every_day_and_reading_it_stores_nothing()
    {
        var roster = await new StoredPanelRosters(Store()).OnDayAsync(PanelCode.Iom, Day(-400), Ct);
        var answer = await Handler().GetAsync(PanelCode.Iom, null, Coordinator(), Ct);

        Ids(roster).ShouldBe([Chair, Ppo]);
        roster.ChairOrganisation.ShouldBe("Probation");
        roster.Find(Chair)!.Seat.ShouldBe(PanelSeat.Chair);
        roster.Find(Ppo)!.Attendance.ShouldBe(MemberAttendance.AsRequired);
        answer.ETag.ShouldBe("\"iom-0\"");
        answer.View.EffectiveFrom.ShouldBeNull();
        answer.View.Changes.ShouldHaveSingleItem().ChangedBy.ShouldBe(PanelMembershipSeed.ConfigurationActor);
        (await Documents.ReadAsync<CurrentMemberships>(CurrentMemberships.Key, Ct)).ShouldBeNull();
        (await new PanelSeats(Store(), time).OfAsync(Ppo, Ct)).ShouldBe([PanelCode.Iom]);
    }

    [Fact]
    public async Task After_its_first_change_configuration_no_longer_decides_a_panels_membership_but_other_panels_still_follow_it()
    {
        await Handler().RemoveAsync(PanelCode.Iom, Ppo, null, null, Coordinator(), Ct);

        // Configuration still names the PPO officer; the stored roster does not.
        var rosters = new StoredPanelRosters(Store());
        Ids(await rosters.OnDayAsync(PanelCode.Iom, Day(0), Ct)).ShouldBe([Chair]);
        Ids(await rosters.OnDayAsync(PanelCode.Asb, Day(0), Ct)).ShouldBe([AsbMember]);
        Ids(await rosters.OnDayAsync(PanelCode.Iom, Day(-1), Ct)).ShouldBe([Chair, Ppo], "the configured roster stands for the days before the change");
    }

    [Fact]
    public async Task A_past_days_roster_is_the_one_in_force_that_day_after_many_changes_read_with_one_point_read_and_one_query()
    {
        var handler = Handler();
        await handler.AddAsync(PanelCode.Iom, NewMember(), null, Coordinator("66666666-6666-4666-8666-666666666666"), Ct);
        time.Advance(TimeSpan.FromDays(7));
        await handler.RemoveAsync(PanelCode.Iom, Ppo, null, null, Coordinator(), Ct);
        for (var week = 2; week < 6; week++)
        {
            time.Advance(TimeSpan.FromDays(7));
            await handler.ChangeMemberAsync(PanelCode.Iom, Housing, NewMember() with { Post = $"Post {week}" }, "*", Coordinator(), Ct);
        }

        var counting = new RoundTripCountingStore(Documents);
        var rosters = new StoredPanelRosters(Store(counting));
        var onFirstDay = await rosters.OnDayAsync(PanelCode.Iom, Day(0), Ct);
        counting.Calls.ShouldBe(2, string.Join(" | ", counting.Log.Select(r => string.Join(", ", r))));
        Ids(onFirstDay).ShouldBe([Chair, Ppo, Housing]);

        Ids(await rosters.OnDayAsync(PanelCode.Iom, Day(-1), Ct)).ShouldBe([Chair, Ppo]);
        Ids(await rosters.OnDayAsync(PanelCode.Iom, Day(7), Ct)).ShouldBe([Chair, Housing]);
        (await rosters.OnDayAsync(PanelCode.Iom, Day(20), Ct)).Find(Housing)!.Post.ShouldBe("Post 2");
        (await rosters.OnDayAsync(PanelCode.Iom, Day(35), Ct)).Find(Housing)!.Post.ShouldBe("Post 5");

        var history = await handler.GetAsync(PanelCode.Iom, "2026-12-14", Coordinator(), Ct);
        history.View.EffectiveFrom.ShouldBe(Day(0));
        history.View.Changes.ShouldHaveSingleItem().ChangedBy.ShouldBe("66666666-6666-4666-8666-666666666666");
        history.ETag.ShouldBe("\"iom-6\"");
    }

    [Fact]
    public async Task A_removal_takes_the_seat_away_at_the_next_request_and_one_dated_later_only_from_its_day()
    {
        var seats = new PanelSeats(Store(), time);
        (await seats.OfAsync(Ppo, Ct)).ShouldBe([PanelCode.Iom]);

        await Handler().RemoveAsync(PanelCode.Iom, Ppo, null, null, Coordinator(), Ct);
        (await seats.OfAsync(Ppo, Ct)).ShouldBeEmpty();

        await Handler().RemoveAsync(PanelCode.Asb, AsbMember, "2026-12-21", null, Coordinator(), Ct);
        (await seats.OfAsync(AsbMember, Ct)).ShouldBe([PanelCode.Asb]);
        time.Advance(TimeSpan.FromDays(7));
        (await seats.OfAsync(AsbMember, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_coordinators_changing_a_member_from_the_same_read_one_wins_and_the_other_gets_412_and_nothing_is_lost()
    {
        var read = await Handler().GetAsync(PanelCode.Iom, null, Coordinator(), Ct);
        var first = Handler().ChangeMemberAsync(PanelCode.Iom, Ppo, NewMember(Ppo, organisation: "Richmond Police", email: "ppo@met.police.uk") with { Post = "Sergeant" }, read.ETag, Coordinator(), Ct);
        var second = Handler().ChangeMemberAsync(PanelCode.Iom, Ppo, NewMember(Ppo, organisation: "Richmond Police", email: "ppo@met.police.uk") with { Post = "Inspector" }, read.ETag, Coordinator(), Ct);
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        outcomes.Count(o => o == "ok").ShouldBe(1);
        outcomes.Count(o => o == "stale").ShouldBe(1);
        var post = (await Handler().GetAsync(PanelCode.Iom, null, Coordinator(), Ct)).View.Members.Single(m => m.MemberId == Ppo).Post;
        post.ShouldBeOneOf("Sergeant", "Inspector");
    }

    [Fact]
    public async Task Changes_to_two_panels_at_once_both_land_though_they_share_one_document()
    {
        await Task.WhenAll(
            Handler().AddAsync(PanelCode.Iom, NewMember(), null, Coordinator(), Ct),
            Handler().AddAsync(PanelCode.Asb, NewMember(), null, Coordinator(), Ct),
            Handler().RemoveAsync(PanelCode.Iom, Ppo, null, null, Coordinator(), Ct));

        var rosters = new StoredPanelRosters(Store());
        Ids(await rosters.OnDayAsync(PanelCode.Iom, Day(0), Ct)).ShouldBe([Chair, Housing]);
        Ids(await rosters.OnDayAsync(PanelCode.Asb, Day(0), Ct)).ShouldBe([AsbMember, Housing]);
    }

    [Fact]
    public async Task A_change_a_rule_refuses_is_422_naming_the_rule_and_writes_nothing()
    {
        var refused = await Should.ThrowAsync<RefusalException>(() =>
            Handler().AddAsync(PanelCode.Iom, NewMember(seat: "chair"), null, Coordinator(), Ct));

        refused.Kind.ShouldBe(RefusalKind.Unprocessable);
        refused.Reason.ShouldBe(MembershipRefusedException.ChairFromAnotherOrganisation);
        (await Documents.ReadAsync<CurrentMemberships>(CurrentMemberships.Key, Ct)).ShouldBeNull();
        (await Should.ThrowAsync<RefusalException>(() => Handler().RemoveAsync(PanelCode.Iom, Housing, null, null, Coordinator(), Ct))).Kind.ShouldBe(RefusalKind.NotFound);
        (await Should.ThrowAsync<RefusalException>(() => Handler().AddAsync(PanelCode.Iom, NewMember(from: "2026-12-13"), null, Coordinator(), Ct)))
            .Reason.ShouldBe(MembershipRefusedException.EffectiveDateInPast);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_an_address_off_the_secure_domains_is_refused()
    {
        var invalid = await Should.ThrowAsync<ValidationFailedException>(() => Handler().AddAsync(PanelCode.Iom,
            new AddPanelMemberRequest { MemberId = "not-a-guid", Name = " ", Organisation = "Housing", Post = "P\u202Eost", Email = "someone@gmail.com", Attendance = "sometimes", Seat = "throne", EffectiveFrom = "14/12/2026" },
            null, Coordinator(), Ct));

        invalid.Errors.Keys.ShouldBe(["memberId", "name", "post", "email", "attendance", "seat", "effectiveFrom"], ignoreOrder: true);
        invalid.Errors["email"].ShouldBe([PanelMemberInput.SecureAddressRule]);
        (await Should.ThrowAsync<ValidationFailedException>(() => Handler().ChangeMemberAsync(PanelCode.Iom, Ppo, NewMember(), null, Coordinator(), Ct)))
            .Errors.Keys.ShouldBe(["If-Match"]);
        (await Documents.ReadAsync<CurrentMemberships>(CurrentMemberships.Key, Ct)).ShouldBeNull();
    }

    private static async Task<string> Outcome(Task task)
    {
        try
        {
            await task;
            return "ok";
        }
        catch (RefusalException refused) when (refused.Kind == RefusalKind.Stale)
        {
            return "stale";
        }
        catch (DocumentPreconditionFailedException)
        {
            return "stale";
        }
    }
}
