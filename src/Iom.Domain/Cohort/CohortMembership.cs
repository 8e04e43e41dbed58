using Iom.Domain.Referrals;

namespace Iom.Domain.Cohort;

/// <summary>
/// A person's dated membership of the cohort: every spell, oldest first. One document per person, in the person's
/// partition, so a decision moves the referral and the membership in one atomic commit. Its spells change only through
/// its methods.
/// </summary>
public sealed record CohortMembership(string PersonId, IReadOnlyList<CohortPeriod> Periods)
{
    public static CohortMembership Empty(string personId) => new(personId, []);

    /// <summary>The spell covering <paramref name="day"/>, if the person was in the cohort that day.</summary>
    public CohortPeriod? On(DateOnly day) => Periods.LastOrDefault(p => p.Covers(day));

    /// <summary>The spell still open, if the person is in the cohort now.</summary>
    public CohortPeriod? Current => Periods.LastOrDefault(p => p.To is null);

    /// <summary>
    /// A panel selects the person at meeting <paramref name="meetingId"/>: a spell starts on <paramref name="from"/>.
    /// Refused (<see cref="InvalidOperationException"/>) when they are in the cohort already.
    /// </summary>
    public CohortMembership Select(
        DateOnly from, PanelCode panel, CohortCategory category, CohortType cohortType, IReadOnlyList<string> strands,
        LeadProfessional leadProfessional, string meetingId)
    {
        ArgumentNullException.ThrowIfNull(leadProfessional);
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        if (Current is not null)
        {
            throw new InvalidOperationException("The person is in the cohort already; de-select them before selecting them again.");
        }

        return this with { Periods = [.. Periods, new CohortPeriod(from, null, panel, category, cohortType, strands, leadProfessional, meetingId)] };
    }

    /// <summary>
    /// A panel de-selects the person at meeting <paramref name="meetingId"/>: the open spell ends on <paramref name="to"/>,
    /// with the reason code. Refused (<see cref="InvalidOperationException"/>) when they are not in the cohort.
    /// </summary>
    public CohortMembership Deselect(DateOnly to, string reason, string meetingId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        var current = Current ?? throw new InvalidOperationException("The person is not in the cohort, so cannot be de-selected.");
        var ended = current with { To = to < current.From ? current.From : to, DeselectedAt = meetingId, EndReason = reason };
        return this with { Periods = [.. Periods.Take(Periods.Count - 1), ended] };
    }
}
