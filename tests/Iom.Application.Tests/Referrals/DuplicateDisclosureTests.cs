using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Submit;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>The 409 for a duplicate referral tells the caller about a person: it is given only once it is audited.</summary>
public sealed class DuplicateDisclosureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-duplicate-").FullName, "iom.db")));

    private readonly Audit.AuditKit kit;

    public DuplicateDisclosureTests() => kit = new Audit.AuditKit(documents);

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private SubmitReferralHandler Handler(IDocumentStore store) => Submissions.Handler(store, time, kit: kit);

    private static ActingAs Referrer(string agency) => Submissions.Referrer(agency);

    private static SubmitReferralRequest Referral() => Submissions.Referral();

    private async Task<List<AuditRecord>> DisclosuresAsync(string personId) =>
        (await kit.Trail().ReadAsync(personId, Ct)).Where(r => r.Operation == AuditOperation.Disclosure).ToList();

    [Fact]
    public async Task Another_agency_is_refused_without_the_reference_and_the_hit_is_audited_in_the_persons_chain()
    {
        var first = await Handler(documents).HandleAsync(Referral(), Referrer("police"), Ct);
        var personId = (await ReferralStore.FindAsync(documents, first.Id, Ct))!.Value.PersonId;

        var refusal = await Should.ThrowAsync<RefusalException>(() => Handler(documents).HandleAsync(Referral(), Referrer("probation"), Ct));

        (refusal.Kind, refusal.Reason).ShouldBe((RefusalKind.Conflict, SubmitReferralHandler.DuplicateReason));
        refusal.Extensions.ContainsKey("existingReference").ShouldBeFalse();
        refusal.Detail!.ShouldNotContain(first.Reference);
        var disclosure = (await DisclosuresAsync(personId)).ShouldHaveSingleItem();
        (disclosure.Subject, disclosure.Actor.UserId, disclosure.CorrelationId, disclosure.Purpose)
            .ShouldBe(($"referral/{first.Id}", "user-probation", "corr-probation", SubmitReferralHandler.Purpose));
        disclosure.Recipients.ShouldBe(["user-probation"]);
    }

    [Fact]
    public async Task When_the_disclosure_cannot_be_audited_the_caller_gets_that_failure_and_not_the_answer()
    {
        var first = await Handler(documents).HandleAsync(Referral(), Referrer("police"), Ct);
        var personId = (await ReferralStore.FindAsync(documents, first.Id, Ct))!.Value.PersonId;

        await Should.ThrowAsync<IOException>(() => Handler(new FailingCommitStore(documents)).HandleAsync(Referral(), Referrer("police"), Ct));

        (await DisclosuresAsync(personId)).ShouldBeEmpty();
        (await kit.Trail().VerifyAsync(personId, Ct)).Intact.ShouldBeTrue();
    }
}
