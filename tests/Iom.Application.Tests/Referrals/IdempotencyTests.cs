using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Idempotency;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Submit;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>An Idempotency-Key whose first request stopped without giving it back: in flight until it cannot be, then the retry's.</summary>
public sealed class IdempotencyTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-idempotency-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_key_held_by_a_request_that_died_is_in_flight_during_the_grace_and_then_taken_over_by_the_retry()
    {
        var documents = new SqliteDocumentStore(database);
        var actor = Submissions.Referrer("police");
        var key = IdempotencyLedger.KeyOf(SubmitReferralHandler.IdempotencyScope, actor.Caller.UserId, "died");
        var died = Guid.NewGuid().ToString("N");
        await new IdempotencyLedger(documents, time).ClaimAsync(key, IdempotencyLedger.HashOf(Submissions.Referral()), died, Ct);

        time.Advance(TimeSpan.FromSeconds(5));
        var waiting = await Should.ThrowAsync<RefusalException>(() => Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), actor, "died", Ct));
        time.Advance(IdentityClaims.InFlightGrace);
        var taken = await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), actor, "died", Ct);

        waiting.Reason.ShouldBe(SubmitReferralHandler.KeyInFlightReason);
        waiting.RetryAfter.ShouldBe(SubmitReferralHandler.InFlightRetryAfter);
        taken.Id.ShouldNotBe(died);
        (await documents.ReadAsync<IdempotencyRecord>(key, Ct)).ShouldNotBeNull().Value.ResultId.ShouldBe(taken.Id);
        (await documents.FindAsync(taken.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_refused_duplicate_gives_its_key_back_so_the_same_request_is_refused_again_rather_than_left_waiting()
    {
        var documents = new SqliteDocumentStore(database);
        await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);

        var first = await Should.ThrowAsync<RefusalException>(() => Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("probation"), "again", Ct));
        var second = await Should.ThrowAsync<RefusalException>(() => Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), Submissions.Referrer("probation"), "again", Ct));

        first.Reason.ShouldBe(SubmitReferralHandler.DuplicateReason);
        second.Reason.ShouldBe(SubmitReferralHandler.DuplicateReason);
        var actor = Submissions.Referrer("probation");
        (await documents.ReadAsync<IdempotencyRecord>(IdempotencyLedger.KeyOf(SubmitReferralHandler.IdempotencyScope, actor.Caller.UserId, "again"), Ct)).ShouldBeNull();
    }
    [Fact]
    public async Task The_store_forgets_a_ledger_record_once_its_key_may_be_forgotten()
    {
        var documents = new SqliteDocumentStore(database, time);
        var actor = Submissions.Referrer("police");
        await Submissions.Handler(documents, time).HandleAsync(Submissions.Referral(), actor, "kept-a-day", Ct);
        var key = IdempotencyLedger.KeyOf(SubmitReferralHandler.IdempotencyScope, actor.Caller.UserId, "kept-a-day");

        time.Advance(IdempotencyLedger.Lifetime - TimeSpan.FromMinutes(1));
        (await documents.ReadAsync<IdempotencyRecord>(key, Ct)).ShouldNotBeNull();
        time.Advance(TimeSpan.FromMinutes(2));

        (await documents.ReadAsync<IdempotencyRecord>(key, Ct)).ShouldBeNull();
        (await documents.DeleteExpiredAsync(Ct)).ShouldBeGreaterThanOrEqualTo(1);
    }
}
