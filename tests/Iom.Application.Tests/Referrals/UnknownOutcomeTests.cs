using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>A commit that may have happened is read back before anything is undone; a committed referral is never undone.</summary>
public sealed class UnknownOutcomeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-unknown-").FullName, "iom.db"));

    public void Dispose() => database.Dispose();

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_commit_applied_but_reported_as_timed_out_is_answered_as_taken_in_with_its_locator_claims_listing_and_acknowledgement()
    {
        var documents = new SqliteDocumentStore(database);
        var queue = new SqliteQueue(database, time);

        var nudges = Submissions.Nudges(documents, time, queue);

        var result = await Submissions.Handler(new FailingCommitStore(documents, appliedAnyway: true), time, queue, nudges: nudges).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);
        await nudges.DispatchPendingAsync(Ct);

        var referral = (await documents.FindAsync(result.Id, Ct)).ShouldNotBeNull().Value;
        referral.Reference.ShouldBe(result.Reference);
        (await documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(referral), Ct)).ShouldNotBeNull();
        foreach (var matchKey in referral.MatchKeys)
        {
            var id = PersonMatchKeys.ToDocumentId(matchKey);
            (await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), Ct))!.Value.ReferralId.ShouldBe(result.Id);
        }

        // Its acknowledgement was dispatched once, and its outbox entry is gone.
        var sent = await queue.ReceiveAsync(ReferralQueues.Acknowledgements, 10, TimeSpan.FromMinutes(1), Ct);
        sent.ShouldHaveSingleItem().Body.ShouldContain(result.Id);
        (await documents.ReadAsync<OutboxEntry>(new DocumentKey(Containers.People, referral.PersonId, $"outbox-referral-acknowledgement-{result.Id}"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task When_the_outcome_cannot_be_settled_because_the_store_is_gone_nothing_is_undone_and_the_outcome_is_reported_unknown()
    {
        var documents = new SqliteDocumentStore(database);

        await Should.ThrowAsync<OutcomeUnknownException>(() =>
            Submissions.Handler(new FailingCommitStore(documents, appliedAnyway: true, goneAfterCommit: true), time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct));

        // The commit was applied: the referral, and everything that finds it, is still there.
        var entries = new List<StoredDocument<OutboxEntry>>();
        await foreach (var entry in documents.ReadKindAsync<OutboxEntry>(Containers.People, Ct))
        {
            entries.Add(entry);
        }

        var referralId = entries.ShouldHaveSingleItem().Value.Id["outbox-referral-acknowledgement-".Length..];
        var referral = (await documents.FindAsync(referralId, Ct)).ShouldNotBeNull().Value;
        (await documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(referral), Ct)).ShouldNotBeNull();
        (await documents.ReadAsync<ReferralLocator>(IdentityClaims.ReferenceKeyOf(referral.Reference), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_commit_that_failed_is_undone_so_the_retry_is_taken_in_as_the_only_referral()
    {
        var documents = new SqliteDocumentStore(database);

        await Should.ThrowAsync<IOException>(() => Submissions.Handler(new FailingCommitStore(documents), time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct));
        var retried = await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);

        var referrals = new List<StoredDocument<Referral>>();
        await foreach (var referral in documents.ReadKindAsync<Referral>(Containers.People, Ct))
        {
            referrals.Add(referral);
        }

        referrals.ShouldHaveSingleItem().Value.Id.ShouldBe(retried.Id);
    }

    [Fact]
    public async Task A_commit_that_failed_in_flight_can_no_longer_land_once_the_submission_was_undone()
    {
        var documents = new SqliteDocumentStore(database);
        var failing = new FailingCommitStore(documents);

        await Should.ThrowAsync<IOException>(() => Submissions.Handler(failing, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct));

        // The same batch arriving late at the store (as a Cosmos DB write that timed out on the client can) is refused
        // whole: the submission fenced its referral's id before undoing the claims, locator and listing.
        var (container, partition, writes) = failing.LastCommit.ShouldNotBeNull();
        await Should.ThrowAsync<DocumentConflictException>(() => documents.CommitAsync(container, partition, writes, Ct));
        var referralId = writes.OfType<CreateWrite>().Single(w => w.Kind == DocumentKind.Of<Referral>()).Id;
        (await documents.ReadAsync<Referral>(ReferralStore.KeyOf(partition, referralId), Ct)).ShouldBeNull();
        (await documents.ReadAsync<Iom.Application.Referrals.Submit.AbandonedSubmission>(ReferralStore.KeyOf(partition, referralId), Ct)).ShouldNotBeNull();
    }
}
