namespace Iom.Domain.Releases;

/// <summary>
/// A release notification that could not be applied to a person by itself, kept for the co-ordinator: a possible
/// match (names and date of birth only, or identifiers naming different people) to confirm or reject, or an unmatched
/// notification (nobody known, or nobody works with the person). Only a possible match can be decided, once.
/// </summary>
/// <param name="Id">32 hex digits, those of the notification's id: one per notification.</param>
/// <param name="Candidates">The person ids that may be the person (a possible match), or the one known whom nobody works with.</param>
/// <param name="PrisonNumber">What the co-ordinator needs to find the person at the prison; no names or dates of birth here.</param>
/// <param name="Listed">True while it belongs on the unmatched list: everything but a confirmed match (the list's index).</param>
public sealed record ReleaseMatch(
    string Id,
    string NotificationId,
    ReleaseMatchState State,
    ReleaseMatchGround Ground,
    IReadOnlyList<string> Candidates,
    DateTimeOffset ReceivedAt,
    string PrisonCode,
    string PrisonNumber,
    ReleaseReason Reason,
    DateOnly ReleaseDate,
    bool Listed)
{
    public ReleaseMatchDecision? Decision { get; init; }

    /// <summary>The person a co-ordinator confirmed.</summary>
    public string? ConfirmedPersonId { get; init; }

    /// <summary>A notification that may be about <paramref name="candidates"/>: one for names and date of birth, several when identifiers disagree.</summary>
    public static ReleaseMatch Possible(string id, string notificationId, ReleaseReport report, DateTimeOffset receivedAt, ReleaseMatchGround ground, IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(candidates);
        if (ground is not (ReleaseMatchGround.NameAndDateOfBirth or ReleaseMatchGround.IdentifiersDisagree) || candidates.Count == 0)
        {
            throw new ArgumentException("A possible match has a candidate and a ground that needs a co-ordinator.", nameof(ground));
        }

        return New(id, notificationId, report, receivedAt, ReleaseMatchState.Possible, ground, candidates);
    }

    /// <summary>A notification about nobody known (no candidates), or about a person nobody works with (that one).</summary>
    public static ReleaseMatch Unmatched(string id, string notificationId, ReleaseReport report, DateTimeOffset receivedAt, string? knownPersonId)
    {
        ArgumentNullException.ThrowIfNull(report);
        return knownPersonId is null
            ? New(id, notificationId, report, receivedAt, ReleaseMatchState.Unmatched, ReleaseMatchGround.NobodyKnown, [])
            : New(id, notificationId, report, receivedAt, ReleaseMatchState.Unmatched, ReleaseMatchGround.NotWorkedWith, [knownPersonId]);
    }

    /// <summary>
    /// The co-ordinator says the notification is about <paramref name="personId"/> (which may be left out when there is
    /// one candidate): it leaves the unmatched list and is applied to that person.
    /// </summary>
    /// <exception cref="ReleaseMatchRefusedException">Decided already, nobody to confirm, or not one of the candidates.</exception>
    public ReleaseMatch Confirm(string? personId, ReleaseMatchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        RefuseUnlessPossible();
        var chosen = personId ?? (Candidates.Count == 1 ? Candidates[0] : null);
        if (chosen is null || !Candidates.Contains(chosen, StringComparer.Ordinal))
        {
            throw new ReleaseMatchRefusedException(ReleaseMatchRefusedException.NotACandidate,
                Candidates.Count == 1 ? "Only the candidate can be confirmed." : "Name which of the candidates the notification is about.");
        }

        return this with { State = ReleaseMatchState.Confirmed, Listed = false, Decision = decision, ConfirmedPersonId = chosen };
    }

    /// <summary>The co-ordinator says it is not the candidate: it stays on the unmatched list, rejected, and nobody is told.</summary>
    /// <exception cref="ReleaseMatchRefusedException">Decided already, or nobody to reject.</exception>
    public ReleaseMatch Reject(ReleaseMatchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        RefuseUnlessPossible();
        return this with { State = ReleaseMatchState.Rejected, Listed = true, Decision = decision };
    }

    private void RefuseUnlessPossible()
    {
        switch (State)
        {
            case ReleaseMatchState.Confirmed or ReleaseMatchState.Rejected:
                throw new ReleaseMatchRefusedException(ReleaseMatchRefusedException.AlreadyDecided, $"This match was {State.ToString().ToLowerInvariant()} already; a decided match cannot be decided again.");
            case ReleaseMatchState.Unmatched:
                throw new ReleaseMatchRefusedException(ReleaseMatchRefusedException.NoCandidate, "Nobody was found who may be this person, so there is nothing to confirm or reject.");
        }
    }

    private static ReleaseMatch New(
        string id, string notificationId, ReleaseReport report, DateTimeOffset receivedAt, ReleaseMatchState state, ReleaseMatchGround ground, IReadOnlyList<string> candidates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(notificationId);
        return new ReleaseMatch(id, notificationId, state, ground, [.. candidates], receivedAt, report.PrisonCode, report.PrisonNumber, report.Reason,
            report.ReleaseDate, Listed: true);
    }
}
