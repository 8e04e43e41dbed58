using Iom.Domain.Referrals;

namespace Iom.Domain.Panels.Minutes;

/// <summary>
/// The voting rules of the Richmond terms of reference, judged against the roster of the meeting's day:
/// quorum (ToR 1.11, 4.9), the acting chair (1.8, 4.6), a simple majority with the chair's casting vote on a tie
/// (1.12, 4.10), the ASB chair's final say where partners disagree (2.10), and votes only from those present.
/// Each broken rule is refused with its name (<see cref="MinutesRuleException.Reason"/>).
/// </summary>
public static class MinutesRules
{
    /// <summary>Representatives of at least this many distinct organisations make a quorum.</summary>
    public const int Quorum = 4;

    public const string Inquorate = "inquorate";
    public const string NoChair = "no-chair";
    public const string NotCarried = "decision-not-carried";
    public const string TieWithoutCastingVote = "tie-without-casting-vote";
    public const string ChairDecisionRequired = "chair-decision-required";
    public const string CastingVoteWithoutTie = "casting-vote-without-tie";
    public const string VotesExceedAttendance = "vote-count-exceeds-attendance";
    public const string UnknownMember = "unknown-member";

    /// <summary>Judges the minutes; throws <see cref="MinutesRuleException"/> naming the first rule broken.</summary>
    public static MinutesRuling Judge(MinutesContent content, PanelRoster roster)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(roster);
        var organisations = OrganisationsPresent(content, roster);
        var quorate = organisations.Count >= Quorum;
        if (!quorate && content.Decisions.Count > 0)
        {
            // An inquorate meeting may be minuted as such, but it decides nothing.
            throw new MinutesRuleException(Inquorate,
                $"Only {organisations.Count} organisations were represented; a quorum is {Quorum}, and an inquorate meeting makes no decisions.");
        }

        var chair = ActingChair(content, roster);
        if (content.Decisions.Count == 0)
        {
            return new MinutesRuling(quorate, organisations, chair?.MemberId);
        }

        if (chair is null)
        {
            throw new MinutesRuleException(NoChair, "Neither the chair, the vice-chair nor a senior police or council representative was present.");
        }

        var voters = content.Attendance.Count;
        for (var i = 0; i < content.Decisions.Count; i++)
        {
            JudgeVote(content.Decisions[i], i, voters, roster.Panel);
        }

        return new MinutesRuling(quorate, organisations, chair.MemberId);
    }

    /// <summary>The distinct organisations represented: a member's own, a delegate's member's; two people of one count once.</summary>
    public static IReadOnlyList<string> OrganisationsPresent(MinutesContent content, PanelRoster roster)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(roster);
        var organisations = new List<string>();
        foreach (var attendee in content.Attendance)
        {
            var memberId = attendee.DelegateFor ?? attendee.MemberId;
            var member = roster.Find(memberId ?? "")
                ?? throw new MinutesRuleException(UnknownMember, "Someone in the attendance is not a member of the panel on the meeting's day (nor stands in for one).");
            var organisation = member.Organisation.Trim();
            if (!organisations.Contains(organisation, StringComparer.OrdinalIgnoreCase))
            {
                organisations.Add(organisation);
            }
        }

        return organisations;
    }

    /// <summary>
    /// Who chairs: the chair if present, else the vice-chair, else the first senior police or council representative
    /// present in roster order. Only members present in person: a delegate stands in for a member's voice, not their office.
    /// </summary>
    public static PanelMember? ActingChair(MinutesContent content, PanelRoster roster)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(roster);
        var present = roster.Members
            .Where(m => content.Attendance.Any(a => !a.IsDelegate && string.Equals(a.MemberId, m.MemberId, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return present.FirstOrDefault(m => m.Seat == PanelSeat.Chair)
            ?? present.FirstOrDefault(m => m.Seat == PanelSeat.ViceChair)
            ?? present.FirstOrDefault(m => m.SeniorRepresentative);
    }

    private static void JudgeVote(MinutesDecision decision, int index, int voters, PanelCode panel)
    {
        if (decision.VotesFor + decision.VotesAgainst > voters)
        {
            throw new MinutesRuleException(VotesExceedAttendance,
                $"Decision {index + 1} records {decision.VotesFor + decision.VotesAgainst} votes, but only {voters} members or delegates were present.", index);
        }

        var tie = decision.VotesFor == decision.VotesAgainst;
        if (panel == PanelCode.Asb && decision.VotesFor > 0 && decision.VotesAgainst > 0)
        {
            // ToR 2.10: where partners disagree after thorough discussion, the chair has the final say, whatever the count.
            Carried(decision, index, decision.CastingVote
                ?? throw new MinutesRuleException(ChairDecisionRequired,
                    $"Decision {index + 1}: the partners disagreed, so the chair decides (ToR 2.10); record the chair's decision as the casting vote.", index));
            return;
        }

        if (tie)
        {
            Carried(decision, index, decision.CastingVote
                ?? throw new MinutesRuleException(TieWithoutCastingVote, $"Decision {index + 1} is tied; it needs the acting chair's casting vote.", index));
            return;
        }

        if (decision.CastingVote is not null)
        {
            throw new MinutesRuleException(CastingVoteWithoutTie, $"Decision {index + 1} is not tied, so there is no casting vote to record.", index);
        }

        Carried(decision, index, decision.VotesFor > decision.VotesAgainst ? CastingVote.For : CastingVote.Against);
    }

    private static void Carried(MinutesDecision decision, int index, CastingVote deciding)
    {
        if (deciding == CastingVote.Against)
        {
            throw new MinutesRuleException(NotCarried,
                $"Decision {index + 1} ({decision.VotesFor} for, {decision.VotesAgainst} against{(decision.CastingVote is null ? "" : ", the chair against")}) was not carried; record the outcome the panel agreed.", index);
        }
    }
}
