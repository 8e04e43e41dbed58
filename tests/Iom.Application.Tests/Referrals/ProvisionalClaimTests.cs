using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Iom.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>A claim holds a match key, which is personal data: one whose referral was never stored must not stay.</summary>
public sealed class ProvisionalClaimTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-claims-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_claim_whose_referral_was_never_stored_expires_and_the_person_can_then_be_referred_afresh()
    {
        var documents = new SqliteDocumentStore(database, time);
        var claims = new IdentityClaims(documents, time);
        var matchKey = PersonMatchKeys.For("Darren", "Quenby", new DateOnly(1994, 3, 2), null, null, null, null).Single();
        var id = PersonMatchKeys.ToDocumentId(matchKey);
        var key = new DocumentKey(Containers.Identities, id, id);
        // A submission that took its key and then stopped for good before its commit (nothing undid it).
        await claims.TakeAsync(await claims.ReadAsync([matchKey], Guid.NewGuid().ToString("N"), Ct), Ct);

        time.Advance(IdentityClaims.ProvisionalLifetime - TimeSpan.FromHours(1));
        (await documents.ReadAsync<IdentityClaim>(key, Ct)).ShouldNotBeNull();
        time.Advance(TimeSpan.FromHours(2));

        (await documents.ReadAsync<IdentityClaim>(key, Ct)).ShouldBeNull();
        var taken = await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);
        (await documents.ReadAsync<IdentityClaim>(key, Ct)).ShouldNotBeNull().Value.ReferralId.ShouldBe(taken.Id);
    }

    [Fact]
    public async Task Confirming_a_stored_referral_makes_its_claims_permanent_and_leaves_another_referrals_claim_alone()
    {
        var documents = new SqliteDocumentStore(database, time);
        var first = await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);
        var referral = (await documents.FindAsync(first.Id, Ct)).ShouldNotBeNull().Value;
        var keys = referral.MatchKeys.Select(PersonMatchKeys.ToDocumentId).Select(id => new DocumentKey(Containers.Identities, id, id)).ToList();
        (await documents.ReadAsync<IdentityClaim>(keys[0], Ct)).ShouldNotBeNull().Value.Provisional.ShouldBe(IdentityClaims.ProvisionalLifetime);

        await new IdentityClaims(documents, time).ConfirmAsync(referral with { Id = Guid.NewGuid().ToString("N") }, Ct);
        (await documents.ReadAsync<IdentityClaim>(keys[0], Ct)).ShouldNotBeNull().Value.Provisional.ShouldBe(IdentityClaims.ProvisionalLifetime);
        await new IdentityClaims(documents, time).ConfirmAsync(referral, Ct);
        await new IdentityClaims(documents, time).ConfirmAsync(referral, Ct);
        time.Advance(IdentityClaims.ProvisionalLifetime * 2);

        foreach (var key in keys)
        {
            (await documents.ReadAsync<IdentityClaim>(key, Ct)).ShouldNotBeNull().Value.Provisional.ShouldBeNull();
        }

        var again = await Should.ThrowAsync<Iom.Application.Errors.RefusalException>(() =>
            Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("probation"), Ct));
        again.Reason.ShouldBe(Iom.Application.Referrals.Submit.SubmitReferralHandler.DuplicateReason);
    }
    [Fact]
    public async Task A_withdrawn_referrals_acknowledgement_confirming_its_claims_mid_submission_does_not_refuse_the_persons_new_referral()
    {
        var documents = new SqliteDocumentStore(database, time);
        var first = await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);
        var stored = (await documents.FindAsync(first.Id, Ct)).ShouldNotBeNull();
        var withdrawn = stored.Value.Withdraw(WithdrawalReason.PersonInCustody, null, time.GetUtcNow(), "user-police").Referral;
        await documents.ReplaceAsync(stored.Key, withdrawn, stored.ETag, Ct);
        // The first referral's acknowledgement lands between the new submission reading the claims and taking them.
        var racing = new ConfirmingBeforeTakeoverStore(documents, () => new IdentityClaims(documents, time).ConfirmAsync(withdrawn, Ct));

        var second = await Submissions.Handler(racing, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);

        racing.Confirmed.ShouldBeTrue();
        second.Id.ShouldNotBe(first.Id);
        foreach (var matchKey in withdrawn.MatchKeys)
        {
            (await documents.ReadAsync<IdentityClaim>(IdentityClaims.KeyOf(matchKey), Ct)).ShouldNotBeNull().Value.ReferralId.ShouldBe(second.Id);
        }
    }

    /// <summary>The real store, except that the first takeover of a claim is preceded by a confirmation of the claims.</summary>
    private sealed class ConfirmingBeforeTakeoverStore(IDocumentStore inner, Func<Task> confirm) : DelegatingDocumentStore(inner)
    {
        public bool Confirmed { get; private set; }

        public override async Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default)
        {
            if (value is IdentityClaim && !Confirmed)
            {
                Confirmed = true;
                await confirm();
            }

            return await Inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
        }
    }
}
