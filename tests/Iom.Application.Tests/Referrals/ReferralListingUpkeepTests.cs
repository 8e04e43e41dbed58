using Iom.Adapters.Sqlite;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Read;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

public sealed class ReferralListingUpkeepTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-upkeep-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database, time);

    private ReferralListingUpkeep Upkeep => new(Documents, new MoveMeetingsApart(Documents),
        new ReferralRelisting(Documents, new Audit.AuditKit(Documents).Trail(Documents)), new MeetingCalendar(Documents),
        new Domain.Calendar.WorkingDayCalendar(), Microsoft.Extensions.Options.Options.Create(new ReferralOptions()), time);

    private static ReferralListing Orphan(string id, DateTimeOffset at) =>
        new(id, "feedfacefeedfacefeedfacefeedface", "IOM-261201-ZZZZ", PanelCode.Iom, ReferralStatus.Listed, null, false, "police", at);

    [Fact]
    public async Task The_upkeep_job_mends_a_stale_listing_from_its_referral_and_removes_only_orphans_older_than_the_grace()
    {
        var submitted = await Submissions.Handler(Documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);
        var listingKey = ReferralListings.KeyOf(PanelCode.Iom, submitted.Id);
        var truth = (await Documents.ReadAsync<ReferralListing>(listingKey, Ct))!.Value;
        await Documents.UpsertAsync(listingKey, truth with { Status = ReferralStatus.Withdrawn }, Ct);
        var oldOrphan = ReferralListings.KeyOf(PanelCode.Iom, "0000000000000000000000000000000a");
        var freshOrphan = ReferralListings.KeyOf(PanelCode.Iom, "0000000000000000000000000000000b");
        await Documents.CreateAsync(oldOrphan, Orphan(oldOrphan.Id, time.GetUtcNow().AddHours(-2)), Ct);
        await Documents.CreateAsync(freshOrphan, Orphan(freshOrphan.Id, time.GetUtcNow().AddMinutes(-5)), Ct);

        var report = await Upkeep.HandleAsync(Ct);

        (await Documents.ReadAsync<ReferralListing>(listingKey, Ct))!.Value.ShouldBe(truth);
        (await Documents.ReadAsync<ReferralListing>(oldOrphan, Ct)).ShouldBeNull();
        (await Documents.ReadAsync<ReferralListing>(freshOrphan, Ct)).ShouldNotBeNull("a submission may still be in flight");
        report.ShouldBe(new ListingUpkeepReport(Checked: 3, Mended: 1, OrphansRemoved: 1, MeetingsMoved: 0));
    }

    [Fact]
    public async Task Meetings_stored_beside_the_listings_are_moved_to_their_own_partition_and_found_there()
    {
        var date = new DateOnly(2027, 1, 12);
        var oldKey = new DocumentKey(Containers.Panels, "iom", $"meeting-{date:yyyy-MM-dd}");
        var meeting = new Meeting(PanelCode.Iom, date, new TimeOnly(10, 0), "Room 1", "coordinator", time.GetUtcNow());
        await Documents.CreateAsync(oldKey, meeting, Ct);
        (await new MeetingCalendar(Documents).UpcomingAsync(PanelCode.Iom, new DateOnly(2026, 12, 14), Ct)).ShouldBeEmpty();

        var report = await Upkeep.HandleAsync(Ct);

        report.MeetingsMoved.ShouldBe(1);
        (await Documents.ReadAsync<Meeting>(oldKey, Ct)).ShouldBeNull();
        (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(PanelCode.Iom, date), Ct))!.Value.ShouldBe(meeting);
        (await new MeetingCalendar(Documents).UpcomingAsync(PanelCode.Iom, new DateOnly(2026, 12, 14), Ct)).ShouldBe([meeting]);
        (await Upkeep.HandleAsync(Ct)).MeetingsMoved.ShouldBe(0);
    }

    [Fact]
    public async Task Upcoming_meetings_are_those_on_or_after_the_day_earliest_first()
    {
        foreach (var day in new[] { 19, 5, 12 })
        {
            var date = new DateOnly(2027, 1, day);
            await Documents.CreateAsync(Meeting.KeyOf(PanelCode.Asb, date), new Meeting(PanelCode.Asb, date, new TimeOnly(10, 0), null, "c", time.GetUtcNow()), Ct);
        }

        var upcoming = await new MeetingCalendar(Documents).UpcomingAsync(PanelCode.Asb, new DateOnly(2027, 1, 6), Ct);

        upcoming.Select(m => m.Date.Day).ShouldBe([12, 19]);
    }
}
