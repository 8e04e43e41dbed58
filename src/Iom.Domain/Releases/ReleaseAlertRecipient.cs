namespace Iom.Domain.Releases;

/// <summary>
/// One recipient of a release alert and whether they have acknowledged it. A named person (lead professional,
/// co-ordinator) is recognised by <see cref="ObjectId"/>, or by <see cref="Email"/> only when no object id is known; an
/// agency's entry by the caller's agency.
/// </summary>
/// <param name="Key">Unique in the alert and stable (<c>lead-professional</c>, <c>coordinator</c>, <c>agency-{code}</c>): the e-mail's idempotency key ends with it.</param>
/// <param name="Agency">The agency code for an agency entry (and the lead professional's agency); null for the co-ordinator.</param>
/// <param name="ForHealth">This agency is told because the person was released to hospital.</param>
public sealed record ReleaseAlertRecipient(
    string Key,
    ReleaseAlertRecipientRole Role,
    string? Agency,
    string Email,
    string? ObjectId,
    bool ForHealth = false,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null)
{
    // A method, not a property: properties are the stored document.
    public bool IsAcknowledged() => AcknowledgedAt is not null;

    /// <summary>Whether <paramref name="who"/> answers for this entry.</summary>
    public bool IsAnsweredBy(ReleaseAlertAcknowledger who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return Role == ReleaseAlertRecipientRole.Agency
            ? who.Agency is not null && string.Equals(who.Agency, Agency, StringComparison.OrdinalIgnoreCase)
            : ObjectId is not null
                ? string.Equals(ObjectId, who.ObjectId, StringComparison.OrdinalIgnoreCase)
                : who.Email is not null && string.Equals(Email, who.Email, StringComparison.OrdinalIgnoreCase);
    }
}
