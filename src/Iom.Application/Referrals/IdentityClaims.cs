using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// The identifier index that makes duplicate detection atomic (docs/referrals.md, "Matching"). A key is held by the
/// referral that claimed it; a new referral may take a key over only when that referral is declined or withdrawn, or
/// when its claim is an orphan (the referral was never stored) older than <see cref="InFlightGrace"/>.
/// </summary>
public sealed class IdentityClaims(IDocumentStore documents, TimeProvider time)
{
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Reads every match key's claim at once (one round trip) and decides whose person this is: a key already claimed
    /// names a known person, who keeps their id so all their records share one partition; otherwise a new id.
    /// </summary>
    public async Task<ClaimPlan> ReadAsync(IReadOnlyList<string> matchKeys, string referralId, CancellationToken cancellationToken)
    {
        var keys = matchKeys.Select(KeyOf).ToList();
        var claims = await Task.WhenAll(keys.Select(key => documents.ReadAsync<IdentityClaim>(key, cancellationToken)));
        var existing = keys.Zip(claims, (key, claim) => new ExistingClaim(key, claim)).ToList();
        var knownPersonId = existing.Select(e => e.Claim?.Value.PersonId).FirstOrDefault(id => id is not null);
        return new ClaimPlan(knownPersonId ?? Guid.NewGuid().ToString("N"), referralId, existing, knownPersonId is not null);
    }

    /// <summary>
    /// Refuses the submission when a key it needs is held: by an open referral, or by one still being submitted
    /// (its referral not stored yet, inside <see cref="InFlightGrace"/>). The holders are read at once.
    /// </summary>
    /// <exception cref="DuplicateReferralException">The first key, in key order, that is held.</exception>
    public async Task RefuseIfHeldAsync(ClaimPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var found = plan.Existing.Where(e => e.Claim is not null).Select(e => e.Claim!.Value).ToList();
        var holders = await Task.WhenAll(found.Select(claim =>
            documents.ReadAsync<Referral>(ReferralStore.KeyOf(claim.PersonId, claim.ReferralId), cancellationToken)));
        foreach (var (claim, holder) in found.Zip(holders))
        {
            if (Holds(claim, holder) is { } duplicate)
            {
                throw duplicate;
            }
        }
    }

    /// <summary>
    /// Takes every key at once: creates the absent claims and takes over the closed referrals' ones (ETag-guarded).
    /// Claiming that fails for any key leaves nothing held; a clash means the same person was claimed just now.
    /// </summary>
    public async Task<ClaimSet> TakeAsync(ClaimPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var writes = plan.Existing.Select(e => TakeOneAsync(e, plan, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(writes);
        }
        catch (Exception)
        {
            // Every write has finished, one way or another: keep nothing. A write whose outcome is unknown (a timeout,
            // a 503) may have been applied all the same, so it is read back and given back if it was.
            var held = writes.Where(w => w.IsCompletedSuccessfully).Select(w => w.Result).ToList();
            var failures = writes.Where(w => w.IsFaulted || w.IsCanceled).Select(w => (Write: w, Failure: Failure(w))).ToList();
            foreach (var (write, failure) in failures.Where(f => f.Failure is not DocumentStoreException))
            {
                var existing = plan.Existing[writes.IndexOf(write)];
                await GiveBackIfOursAsync(existing.Key, existing.Claim?.Value, plan.ReferralId);
            }

            await ReleaseClaimsAsync(held, CancellationToken.None);
            if (failures.Any(f => f.Failure is DocumentConflictException or DocumentPreconditionFailedException))
            {
                // Someone else claimed one of these keys between our read and our write: the same person, just now.
                throw await RaceLostAsync(plan.Existing.Select(e => e.Key).ToList(), plan.ReferralId, cancellationToken);
            }

            throw;
        }

        return new ClaimSet(plan.PersonId, plan.ReferralId, writes.Select(w => w.Result).ToList(), plan.KnownPerson);
    }

    private async Task<HeldClaim> TakeOneAsync(ExistingClaim existing, ClaimPlan plan, CancellationToken cancellationToken)
    {
        var claim = new IdentityClaim(PersonMatchKeys.FromDocumentId(existing.Key.Id), plan.PersonId, plan.ReferralId, time.GetUtcNow(), ProvisionalLifetime);
        if (existing.Claim is not { } previous)
        {
            var created = await documents.CreateAsync(existing.Key, claim, cancellationToken);
            return new HeldClaim(existing.Key, created.ETag, null);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stored = await documents.ReplaceAsync(existing.Key, claim, previous.ETag, cancellationToken);
                return new HeldClaim(existing.Key, stored.ETag, previous.Value);
            }
            catch (DocumentPreconditionFailedException) when (attempt < 3)
            {
                // The closed referral's own acknowledgement may have confirmed its claim since it was read (a new ETag,
                // the same holder): still a closed referral's key, so take it over from what it says now. Any other
                // change is someone else's claim, a race lost.
                var current = await ClaimOfClosedReferralAsync(existing.Key, previous.Value.ReferralId, cancellationToken);
                if (current is null)
                {
                    throw;
                }

                previous = current;
            }
        }
    }

    // The claim as it is now, if it still names the same referral and that referral is stored and closed.
    private async Task<StoredDocument<IdentityClaim>?> ClaimOfClosedReferralAsync(DocumentKey key, string referralId, CancellationToken cancellationToken)
    {
        var now = await documents.ReadAsync<IdentityClaim>(key, cancellationToken);
        if (now is null || now.Value.ReferralId != referralId)
        {
            return null;
        }

        var holder = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(now.Value.PersonId, referralId), cancellationToken);
        return holder is not null && IsClosed(holder.Value) ? now : null;
    }

    private static bool IsClosed(Referral referral) => referral.Status is ReferralStatus.Declined or ReferralStatus.Withdrawn;

    /// <summary>
    /// How long a claim lives unconfirmed. Far beyond any retry of the acknowledgement that confirms it (a poisoned one
    /// raises an alert long before), so only the claims of submissions that never committed ever expire.
    /// </summary>
    public static readonly TimeSpan ProvisionalLifetime = TimeSpan.FromDays(14);

    /// <summary>
    /// The referral is stored: its claims become permanent (the duplicate check must hold for as long as the referral
    /// does). Safe to repeat; a claim since taken over by another referral is left alone.
    /// </summary>
    public async Task ConfirmAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        await Task.WhenAll(referral.MatchKeys.Select(KeyOf).Select(async key =>
        {
            var claim = await documents.ReadAsync<IdentityClaim>(key, cancellationToken);
            if (claim is null || claim.Value.ReferralId != referral.Id || claim.Value.Provisional is null)
            {
                return;
            }

            try
            {
                await documents.ReplaceAsync(key, claim.Value with { Provisional = null }, claim.ETag, cancellationToken);
            }
            catch (DocumentPreconditionFailedException)
            {
                // Changed since it was read: a concurrent confirmation, or a takeover; either way not ours to change.
            }
        }));
    }

    private static Exception Failure(Task task) =>
        task.Exception?.InnerException ?? new OperationCanceledException("The claim's write was cancelled.");

    /// <summary>
    /// Reserves a unique human-readable reference, e.g. IOM-261214-7KQ2, and writes the referral's locator, both at
    /// once. A clash of references (rare) draws again and rewrites the locator; a failure leaves neither behind.
    /// </summary>
    /// <param name="reference">The reference drawn (<see cref="ReferenceFormat.New"/>); the one reserved is returned.</param>
    public async Task<string> ReserveReferenceAsync(string reference, string referralId, string personId, CancellationToken cancellationToken)
    {
        var locatorKey = ReferralStore.LocatorKeyOf(referralId);
        var reservation = ReserveAsync(reference, referralId, personId, cancellationToken);
        var locator = CreateLocatorAsync();
        try
        {
            await Task.WhenAll(reservation, locator);
            var reserved = await reservation;
            if (reserved != reference)
            {
                await documents.UpsertAsync(locatorKey, new ReferralLocator(referralId, personId, reserved), cancellationToken);
            }

            return reserved;
        }
        catch (Exception)
        {
            // Undoing a submission finds its reservation through the locator: with either missing, undo both here.
            if (reservation.IsCompletedSuccessfully)
            {
                await DeleteIfOursAsync(ReferenceKeyOf(reservation.Result), referralId);
            }

            await DeleteIfOursAsync(locatorKey, referralId);
            throw;
        }

        // Started as a task even if the store throws at once, so the reservation running beside it is always undone.
        async Task CreateLocatorAsync() => await documents.CreateAsync(locatorKey, new ReferralLocator(referralId, personId, reference), cancellationToken);
    }

    private async Task<string> ReserveAsync(string reference, string referralId, string personId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reservation = ReferenceKeyOf(reference);
            try
            {
                await documents.CreateAsync(reservation, new ReferralLocator(referralId, personId, reference), cancellationToken);
                return reference;
            }
            catch (DocumentConflictException) when (attempt < 5)
            {
                // 32^4 suffixes a panel a day: a clash is rare, and another draw settles it.
                reference = ReferenceFormat.New(ReferenceFormat.PanelOf(reference), ReferenceFormat.DayOf(reference));
            }
            catch (Exception exception) when (exception is not DocumentStoreException)
            {
                // It may have been written all the same; with no locator yet, nothing else would find it.
                await DeleteIfOursAsync(reservation, referralId);
                throw;
            }
        }
    }

    /// <summary>Undoes a submission's claims: created ones are deleted, taken-over ones given back. Best effort.</summary>
    public async Task ReleaseAsync(ClaimSet claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        await ReleaseClaimsAsync(claims.Held, cancellationToken);
        var locator = await documents.ReadAsync<ReferralLocator>(ReferralStore.LocatorKeyOf(claims.ReferralId), cancellationToken);
        if (locator is not null)
        {
            await documents.DeleteAsync(ReferenceKeyOf(locator.Value.Reference), null, cancellationToken);
            await documents.DeleteAsync(locator.Key, null, cancellationToken);
        }
    }

    private async Task ReleaseClaimsAsync(IReadOnlyList<HeldClaim> claims, CancellationToken cancellationToken)
    {
        foreach (var held in claims)
        {
            try
            {
                if (held.Previous is null)
                {
                    await documents.DeleteAsync(held.Key, held.ETag, cancellationToken);
                }
                else
                {
                    await documents.ReplaceAsync(held.Key, held.Previous, held.ETag, cancellationToken);
                }
            }
            catch (DocumentStoreException)
            {
                // Changed since: it is someone else's now. A claim left pointing at a referral that was never stored
                // is an orphan, which the next submission may take over after the grace period.
            }
        }
    }

    // Best effort, after a write whose outcome is unknown: undoes it only if it was applied and is still this referral's.
    private async Task GiveBackIfOursAsync(DocumentKey key, IdentityClaim? previous, string referralId)
    {
        try
        {
            var now = await documents.ReadAsync<IdentityClaim>(key, CancellationToken.None);
            if (now is not null && now.Value.ReferralId == referralId && previous is null)
            {
                await documents.DeleteAsync(key, now.ETag, CancellationToken.None);
            }
            else if (now is not null && now.Value.ReferralId == referralId)
            {
                await documents.ReplaceAsync(key, previous!, now.ETag, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // What cannot be given back is an orphan claim, taken over after the grace period.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task DeleteIfOursAsync(DocumentKey reservation, string referralId)
    {
        try
        {
            var now = await documents.ReadAsync<ReferralLocator>(reservation, CancellationToken.None);
            if (now is not null && now.Value.ReferralId == referralId)
            {
                await documents.DeleteAsync(reservation, now.ETag, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // What cannot be deleted is an orphan reservation, which readers ignore.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Held by an open referral, or by one being submitted now (not stored yet, inside the grace period).
    private DuplicateReferralException? Holds(IdentityClaim claim, StoredDocument<Referral>? holder)
    {
        if (holder is null)
        {
            return time.GetUtcNow() - claim.ClaimedAt < InFlightGrace
                ? new DuplicateReferralException(claim.PersonId, claim.ReferralId, holder: null)
                : null;
        }

        return !IsClosed(holder.Value)
            ? new DuplicateReferralException(claim.PersonId, claim.ReferralId, holder.Value)
            : null;
    }

    // Whoever took a key first is the person this submission clashed with; reading the keys again names them.
    private async Task<DuplicateReferralException> RaceLostAsync(IReadOnlyList<DocumentKey> keys, string referralId, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            if (await documents.ReadAsync<IdentityClaim>(key, cancellationToken) is { } claim && claim.Value.ReferralId != referralId)
            {
                var holder = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(claim.Value.PersonId, claim.Value.ReferralId), cancellationToken);
                return new DuplicateReferralException(claim.Value.PersonId, claim.Value.ReferralId, holder?.Value);
            }
        }

        return new DuplicateReferralException(personId: null, referralId: null, holder: null);
    }

    public static DocumentKey ReferenceKeyOf(string reference) => new(Containers.Identities, $"reference-{reference}", $"reference-{reference}");

    /// <summary>Where the claim on a match key is stored (the identifier index): also read by release matching.</summary>
    public static DocumentKey KeyOf(string matchKey)
    {
        var id = PersonMatchKeys.ToDocumentId(matchKey);
        return new DocumentKey(Containers.Identities, id, id);
    }
}
