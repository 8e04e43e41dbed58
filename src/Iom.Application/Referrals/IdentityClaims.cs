using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// A match key is held by another referral: the same person is already referred (<paramref name="holder"/>), or being
/// referred right now (its referral not stored yet, or unknown if the clash was lost in a race). Telling the caller is
/// a disclosure about that person, so the submission audits it before it answers (SubmitReferralHandler).
/// </summary>
public sealed class DuplicateReferralException(string? personId, string? referralId, Referral? holder)
    : Exception("The person already has an open referral, or one is being submitted.")
{
    public string? PersonId { get; } = personId;
    public string? ReferralId { get; } = referralId;
    public Referral? Holder { get; } = holder;
}

/// <summary>The claims one submission holds, so they can be released if a later step fails.</summary>
/// <param name="KnownPerson">The person was known from an earlier (closed) referral, whose records this one joins.</param>
public sealed record ClaimSet(string PersonId, string ReferralId, IReadOnlyList<HeldClaim> Held, bool KnownPerson = false);

/// <param name="Previous">What the claim said before this submission took it over (a closed referral's), if anything.</param>
public sealed record HeldClaim(DocumentKey Key, string ETag, IdentityClaim? Previous);

/// <summary>
/// The identifier index that makes duplicate detection atomic (docs/referrals.md, "Matching"). A key is held by the
/// referral that claimed it; a new referral may take a key over only when that referral is declined or withdrawn, or
/// when its claim is an orphan (the referral was never stored) older than <see cref="InFlightGrace"/>.
/// </summary>
public sealed class IdentityClaims(IDocumentStore documents, TimeProvider time)
{
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromMinutes(2);

    public async Task<ClaimSet> ClaimAsync(IReadOnlyList<string> matchKeys, string referralId, CancellationToken cancellationToken)
    {
        var keys = matchKeys.Select(KeyOf).ToList();
        var existing = new List<(DocumentKey Key, StoredDocument<IdentityClaim>? Claim)>();
        string? knownPersonId = null;
        foreach (var key in keys)
        {
            var claim = await documents.ReadAsync<IdentityClaim>(key, cancellationToken);
            if (claim is not null)
            {
                await RefuseIfHeldAsync(claim.Value, cancellationToken);
                knownPersonId ??= claim.Value.PersonId;
            }

            existing.Add((key, claim));
        }

        // A person seen before keeps their id, so all their records share one partition.
        var personId = knownPersonId ?? Guid.NewGuid().ToString("N");
        var held = new List<HeldClaim>();
        try
        {
            foreach (var (key, previous) in existing)
            {
                var claim = new IdentityClaim(PersonMatchKeys.FromDocumentId(key.Id), personId, referralId, time.GetUtcNow());
                var stored = previous is null
                    ? await documents.CreateAsync(key, claim, cancellationToken)
                    : await documents.ReplaceAsync(key, claim, previous.ETag, cancellationToken);
                held.Add(new HeldClaim(key, stored.ETag, previous?.Value));
            }
        }
        catch (Exception exception)
        {
            // Claiming that stops half way (a clash, or the caller going away) leaves nothing held: neither the claims
            // taken nor the one whose write failed, which may have been applied all the same (a timeout, a 503).
            if (exception is not DocumentStoreException && held.Count < existing.Count)
            {
                var (key, previous) = existing[held.Count];
                await GiveBackIfOursAsync(key, previous?.Value, referralId);
            }

            await ReleaseAsync(new ClaimSet(personId, referralId, held), CancellationToken.None);
            if (exception is DocumentConflictException or DocumentPreconditionFailedException)
            {
                // Someone else claimed one of these keys between our read and our write: the same person, just now.
                throw await RaceLostAsync(keys, referralId, cancellationToken);
            }

            throw;
        }

        return new ClaimSet(personId, referralId, held, knownPersonId is not null);
    }

    /// <summary>Reserves a unique human-readable reference, e.g. IOM-261214-7KQ2, and the referral's locator.</summary>
    public async Task<string> ReserveReferenceAsync(PanelCode panel, DateOnly today, string referralId, string personId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reference = ReferenceFormat.New(panel, today);
            var reservation = ReferenceKeyOf(reference);
            try
            {
                await documents.CreateAsync(reservation, new ReferralLocator(referralId, personId, reference), cancellationToken);
            }
            catch (DocumentConflictException) when (attempt < 5)
            {
                // 32^4 suffixes a panel a day: a clash is rare, and another draw settles it.
                continue;
            }
            catch (Exception exception) when (exception is not DocumentStoreException)
            {
                // It may have been written all the same; with no locator yet, nothing else would find it.
                await DeleteIfOursAsync(reservation, referralId);
                throw;
            }

            try
            {
                await documents.CreateAsync(ReferralStore.LocatorKeyOf(referralId), new ReferralLocator(referralId, personId, reference), cancellationToken);
                return reference;
            }
            catch
            {
                // Undoing a submission finds its reservation through the locator; with no locator, undo it here.
                await documents.DeleteAsync(reservation, null, CancellationToken.None);
                throw;
            }
        }
    }

    /// <summary>Undoes a submission's claims: created ones are deleted, taken-over ones given back. Best effort.</summary>
    public async Task ReleaseAsync(ClaimSet claims, CancellationToken cancellationToken)
    {
        foreach (var held in claims.Held)
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

        var locator = await documents.ReadAsync<ReferralLocator>(ReferralStore.LocatorKeyOf(claims.ReferralId), cancellationToken);
        if (locator is not null)
        {
            await documents.DeleteAsync(ReferenceKeyOf(locator.Value.Reference), null, cancellationToken);
            await documents.DeleteAsync(locator.Key, null, cancellationToken);
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

    private async Task RefuseIfHeldAsync(IdentityClaim claim, CancellationToken cancellationToken)
    {
        var holder = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(claim.PersonId, claim.ReferralId), cancellationToken);
        if (holder is null)
        {
            if (time.GetUtcNow() - claim.ClaimedAt < InFlightGrace)
            {
                throw new DuplicateReferralException(claim.PersonId, claim.ReferralId, holder: null);
            }

            return;
        }

        if (holder.Value.Status is not (ReferralStatus.Declined or ReferralStatus.Withdrawn))
        {
            throw new DuplicateReferralException(claim.PersonId, claim.ReferralId, holder.Value);
        }
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

    private static DocumentKey KeyOf(string matchKey)
    {
        var id = PersonMatchKeys.ToDocumentId(matchKey);
        return new DocumentKey(Containers.Identities, id, id);
    }
}

public static class ReferenceFormat
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>PANEL-YYMMDD-XXXX: the panel, the day, and four random Crockford base-32 characters.</summary>
    public static string New(PanelCode panel, DateOnly day)
    {
        Span<char> suffix = stackalloc char[4];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{PrefixOf(panel)}-{day:yyMMdd}-{suffix}";
    }

    /// <summary>Whether <paramref name="text"/> has the shape <see cref="New"/> gives (upper case).</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        return parts.Length == 3
            && Enum.GetValues<PanelCode>().Any(p => PrefixOf(p) == parts[0])
            && parts[1].Length == 6 && parts[1].All(char.IsAsciiDigit)
            && parts[2].Length == 4 && parts[2].All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    private static string PrefixOf(PanelCode panel) => panel == PanelCode.StrategicGroup ? "SG" : panel.ToString().ToUpperInvariant();
}
