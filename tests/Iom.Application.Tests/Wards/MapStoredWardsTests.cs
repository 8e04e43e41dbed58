using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Tests.Audit;
using Iom.Application.Tests.Referrals;
using Iom.Application.Wards.Mapping;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Wards;

/// <summary>The ward mapping over a SQLite store holding referrals stored before wards were codes.</summary>
public sealed class MapStoredWardsTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-wards-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly AuditKit kit;

    public MapStoredWardsTests() => kit = new AuditKit(Documents);

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database, time);

    private MapStoredWards Mapping => new(Documents, kit.Trail(Documents), Submissions.Wards, time);

    private static ActingAs Coordinator(string role = Roles.Coordinator) =>
        new(new Caller("coordinator-oid", "Co Ordinator", "iom.coordinator@richmond.gov.uk", "council", new HashSet<string> { role }), "corr-wards", MapStoredWards.Purpose)
        {
            Scope = new ObjectScope(new ReferralAccess(Submissions.Panels()), new HashSet<string> { Roles.Coordinator }),
        };

    /// <summary>A referral taken in today, then given the free-text ward a referral stored before wards were codes holds.</summary>
    private async Task<StoredDocument<Referral>> StoredWithWardAsync(string? ward, string given)
    {
        var request = Submissions.Referral();
        request = request with { Person = request.Person! with { GivenName = given, FamilyName = "Ward" + given, DateOfBirth = "1990-01-01" } };
        var submitted = await Submissions.Handler(Documents, time, kit: kit).HandleAsync(request, Submissions.Referrer("police"), Ct);
        var stored = (await Documents.FindAsync(submitted.Id, Ct))!;
        var key = ReferralStore.KeyOf(stored.Value.PersonId, submitted.Id);
        var old = stored.Value with { Person = stored.Value.Person with { Ward = ward } };
        return await Documents.ReplaceAsync(key, old, stored.ETag, Ct);
    }

    private async Task<Referral> ReadAsync(Referral referral) =>
        (await Documents.ReadAsync<Referral>(ReferralStore.KeyOf(referral.PersonId, referral.Id), Ct))!.Value;

    private async Task<List<AuditRecord>> AlterationsAsync(Referral referral) =>
        [.. (await kit.Trail(Documents).ReadAsync(referral.PersonId, Ct)).Where(r => r.Operation == AuditOperation.Alteration)];

    [Fact]
    public async Task Free_text_naming_a_ward_becomes_its_code_and_anything_else_is_reported_by_value_with_counts()
    {
        var byName = await StoredWithWardAsync("  south   RICHMOND ", "Alan");
        var byAlias = await StoredWithWardAsync("Hampton Wick", "Brian");
        var coded = await StoredWithWardAsync("E05000401", "Colin");
        var none = await StoredWithWardAsync(null, "David");
        var unknown1 = await StoredWithWardAsync("Twickenham", "Edward");
        var unknown2 = await StoredWithWardAsync("Twickenham ", "Frank");
        var unknown3 = await StoredWithWardAsync("Narnia", "Gordon");

        var report = await Mapping.HandleAsync(dryRun: false, Coordinator(), Ct);

        report.ShouldBe(new WardMappingReport(false, Scanned: 7, WithoutWard: 1, AlreadyCoded: 1, Mapped: 2, ChangedMeanwhile: 0,
            [new UnmappedWard("Twickenham", 2), new UnmappedWard("Narnia", 1)]), new ReportComparer());
        (await ReadAsync(byName.Value)).Person.Ward.ShouldBe("E05000401");
        (await ReadAsync(byAlias.Value)).Person.Ward.ShouldBe("W05000403");
        (await ReadAsync(coded.Value)).ShouldBe(coded.Value, new ReferralJson());
        (await ReadAsync(none.Value)).ShouldBe(none.Value, new ReferralJson());
        foreach (var untouched in new[] { unknown1, unknown2, unknown3 })
        {
            (await ReadAsync(untouched.Value)).ShouldBe(untouched.Value, new ReferralJson());
        }

        // Nothing in the report names a person, a referral or a reference.
        var json = JsonSerializer.Serialize(report);
        foreach (var referral in new[] { byName, byAlias, coded, none, unknown1, unknown2, unknown3 }.Select(s => s.Value))
        {
            json.ShouldNotContain(referral.Id);
            json.ShouldNotContain(referral.PersonId);
            json.ShouldNotContain(referral.Reference);
            json.ShouldNotContain(referral.Person.GivenName);
        }
    }

    [Fact]
    public async Task Each_referral_changed_is_an_audited_alteration_by_the_coordinator_for_the_mappings_purpose_and_only_those()
    {
        var mapped = await StoredWithWardAsync("South Richmond", "Alan");
        var unknown = await StoredWithWardAsync("Narnia", "Brian");

        await Mapping.HandleAsync(dryRun: false, Coordinator(), Ct);

        var alteration = (await AlterationsAsync(mapped.Value)).ShouldHaveSingleItem();
        alteration.Subject.ShouldBe($"referral/{mapped.Value.Id}");
        alteration.Purpose.ShouldBe(MapStoredWards.Purpose);
        alteration.Actor.UserId.ShouldBe("coordinator-oid");
        alteration.CorrelationId.ShouldBe("corr-wards");
        (await AlterationsAsync(unknown.Value)).ShouldBeEmpty();
        (await kit.Verify(Documents, time).HandleAsync(Ct)).Broken.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_mapped_and_changes_and_audits_nothing()
    {
        var mapped = await StoredWithWardAsync("South Richmond", "Alan");
        await StoredWithWardAsync("Narnia", "Brian");

        var report = await Mapping.HandleAsync(dryRun: true, Coordinator(), Ct);

        report.ShouldBe(new WardMappingReport(true, 2, 0, 0, Mapped: 1, 0, [new UnmappedWard("Narnia", 1)]), new ReportComparer());
        (await ReadAsync(mapped.Value)).ShouldBe(mapped.Value, new ReferralJson());
        (await AlterationsAsync(mapped.Value)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_second_run_changes_nothing_and_finds_every_mapped_referral_already_coded()
    {
        var mapped = await StoredWithWardAsync("South Richmond", "Alan");
        await StoredWithWardAsync("Narnia", "Brian");
        await Mapping.HandleAsync(dryRun: false, Coordinator(), Ct);
        var afterFirst = await Documents.ReadAsync<Referral>(ReferralStore.KeyOf(mapped.Value.PersonId, mapped.Value.Id), Ct);

        var second = await Mapping.HandleAsync(dryRun: false, Coordinator(), Ct);

        second.ShouldBe(new WardMappingReport(false, 2, 0, AlreadyCoded: 1, Mapped: 0, 0, [new UnmappedWard("Narnia", 1)]), new ReportComparer());
        (await Documents.ReadAsync<Referral>(ReferralStore.KeyOf(mapped.Value.PersonId, mapped.Value.Id), Ct))!.ETag.ShouldBe(afterFirst!.ETag);
        (await AlterationsAsync(mapped.Value)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Only_a_role_that_reaches_every_referral_may_run_it()
    {
        var mapped = await StoredWithWardAsync("South Richmond", "Alan");
        var referrer = new ActingAs(new Caller("r", "R", "r@police.uk", "police", new HashSet<string> { Roles.Referrer }), "c", MapStoredWards.Purpose)
        {
            Scope = new ObjectScope(new ReferralAccess(Submissions.Panels()), new HashSet<string> { Roles.Referrer }),
        };

        var refused = await Should.ThrowAsync<RefusalException>(() => Mapping.HandleAsync(dryRun: false, referrer, Ct));

        refused.Kind.ShouldBe(RefusalKind.Forbidden);
        (await ReadAsync(mapped.Value)).Person.Ward.ShouldBe("South Richmond");
    }

    // Records holding lists compare their lists by reference; these compare what is stored and what is reported.
    private sealed class ReferralJson : IEqualityComparer<Referral>
    {
        public bool Equals(Referral? x, Referral? y) => DocumentJson.ToElement(x).GetRawText() == DocumentJson.ToElement(y).GetRawText();

        public int GetHashCode(Referral obj) => 0;
    }

    private sealed class ReportComparer : IEqualityComparer<WardMappingReport>
    {
        public bool Equals(WardMappingReport? x, WardMappingReport? y) =>
            x is not null && y is not null && x with { Unmapped = [] } == y with { Unmapped = [] } && x.Unmapped.SequenceEqual(y.Unmapped);

        public int GetHashCode(WardMappingReport obj) => 0;
    }
}
