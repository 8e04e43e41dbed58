using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>The intake's agency: only a current agency of the configured list may refer (docs/referrals.md, "Agencies").</summary>
public sealed class ReferralAgencyIntakeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-agency-intake-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database, time);

    private Task<SubmitReferralResult> SubmitAsync(string agency, string? key = null) =>
        Submissions.Handler(Documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer(agency), key, Ct);

    private async Task<int> StoredReferralsAsync()
    {
        var stored = 0;
        await foreach (var _ in Documents.ReadKindAsync<Referral>(Ports.Documents.Containers.People, Ct))
        {
            stored++;
        }

        return stored;
    }

    [Theory]
    [InlineData("polce")]
    [InlineData("Police Scotland")]
    [InlineData("unknown")]
    [InlineData("<script>alert(1)</script>")]
    public async Task A_referrer_whose_agency_is_not_on_the_list_is_refused_as_forbidden_and_nothing_is_stored(string agency)
    {
        var refused = await Should.ThrowAsync<RefusalException>(() => SubmitAsync(agency, "key-1"));

        (refused.Kind, refused.Reason).ShouldBe((RefusalKind.Forbidden, SubmitReferralHandler.AgencyNotRecognisedReason));
        refused.Title.ShouldNotContain(agency);
        (refused.Detail ?? "").ShouldNotContain(agency);
        (await StoredReferralsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_referrer_of_a_retired_agency_is_refused_like_one_not_on_the_list()
    {
        var refused = await Should.ThrowAsync<RefusalException>(() => SubmitAsync("cps"));

        refused.Reason.ShouldBe(SubmitReferralHandler.AgencyNotRecognisedReason);
        (await StoredReferralsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_refused_idempotency_key_is_not_spent_so_the_same_key_works_once_the_agency_is_put_right()
    {
        await Should.ThrowAsync<RefusalException>(() => SubmitAsync("polce", "key-2"));

        var taken = await SubmitAsync("police", "key-2");

        (await Documents.FindAsync(taken.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_listed_agency_written_in_another_case_is_accepted_and_the_referral_keeps_the_claim_its_referrer_reads_it_by()
    {
        var taken = await SubmitAsync("POLICE");

        (await Documents.FindAsync(taken.Id, Ct))!.Value.ReferringAgency.ShouldBe("POLICE");
    }
}
