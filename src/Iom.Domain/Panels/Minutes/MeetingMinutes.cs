using Iom.Domain.Referrals;

namespace Iom.Domain.Panels.Minutes;

/// <summary>
/// A meeting's minutes: the aggregate of the minutes flow. One current document per meeting, a draft until it is
/// finalised; each final version is also kept as it was, immutable. Editing final minutes starts an amendment: the next
/// version, a draft that says what it changes. An amendment may not change the decisions already applied to referrals
/// and the cohort (only their notes), nor the actions already given out (it may add some): a decision made in error
/// is corrected by a new decision at a later meeting.
/// </summary>
/// <param name="MeetingId">The meeting (<see cref="Panels.MeetingId"/> written out).</param>
/// <param name="Version">1 for the first minutes; each amendment one more.</param>
public sealed record MeetingMinutes(
    string MeetingId,
    PanelCode Panel,
    DateOnly MeetingDate,
    int Version,
    MinutesStatus Status,
    MinutesContent Content,
    MinutesAmendment? Amendment,
    string SavedBy,
    DateTimeOffset SavedAt,
    MinutesRuling? Ruling = null,
    string? FinalisedBy = null,
    DateTimeOffset? FinalisedAt = null)
{
    public const string Final = "minutes-final";
    public const string Finalising = "minutes-finalising";
    public const string AmendmentChangesDecision = "amendment-changes-decision";
    public const string AmendmentChangesAction = "amendment-changes-action";

    /// <summary>The first draft of a meeting's minutes.</summary>
    public static MeetingMinutes Draft(MeetingId meeting, DateOnly meetingDate, MinutesContent content, string byUserId, DateTimeOffset at) =>
        new(meeting.ToString(), meeting.Panel, meetingDate, 1, MinutesStatus.Draft, content, null, byUserId, at);

    /// <summary>
    /// Saves new content. A draft is replaced; final minutes start an amendment (the next version, needing
    /// <paramref name="changeSummary"/>); minutes being finalised take no edits until they are final.
    /// </summary>
    /// <param name="previousFinal">The last final version's content, when this draft is an amendment (to say what differs).</param>
    public MeetingMinutes Save(MinutesContent content, string? changeSummary, MinutesContent? previousFinal, string byUserId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        switch (Status)
        {
            case MinutesStatus.Finalising:
                throw new MinutesRuleException(Finalising, "These minutes are being finalised; edit them once they are final, as an amendment.");
            case MinutesStatus.Final when string.IsNullOrWhiteSpace(changeSummary):
                throw new MinutesRuleException(Final, $"Version {Version} is final and cannot be edited; an amendment (with a change summary) makes version {Version + 1}.");
            case MinutesStatus.Final:
                return Amend(Version, Content, content, changeSummary!, byUserId, at);
            default:
                if (Amendment is null)
                {
                    return this with { Content = content, SavedBy = byUserId, SavedAt = at };
                }

                return Amend(Amendment.Amends, previousFinal ?? throw new ArgumentNullException(nameof(previousFinal)), content,
                    string.IsNullOrWhiteSpace(changeSummary) ? Amendment.Summary : changeSummary, byUserId, at) with { Version = Version };
        }
    }

    /// <summary>Judges the rules against the roster of the meeting's day and freezes the content for applying.</summary>
    public MeetingMinutes BeginFinalising(PanelRoster roster, string byUserId, DateTimeOffset at)
    {
        if (Status != MinutesStatus.Draft)
        {
            throw new MinutesRuleException(Status == MinutesStatus.Final ? Final : Finalising,
                Status == MinutesStatus.Final ? $"Version {Version} is final already." : "These minutes are being finalised already.");
        }

        var ruling = MinutesRules.Judge(Content, roster);
        return this with { Status = MinutesStatus.Finalising, Ruling = ruling, FinalisedBy = byUserId, FinalisedAt = at };
    }

    /// <summary>Every decision has been applied: the minutes are final and immutable.</summary>
    public MeetingMinutes MarkFinal() =>
        Status == MinutesStatus.Finalising ? this with { Status = MinutesStatus.Final } : throw new MinutesRuleException(Final, "Only minutes being finalised can become final.");

    private MeetingMinutes Amend(int amends, MinutesContent final, MinutesContent content, string summary, string byUserId, DateTimeOffset at)
    {
        if (final.Decisions.Count != content.Decisions.Count
            || final.Decisions.Zip(content.Decisions).Any(p => !SameDecision(p.First, p.Second)))
        {
            throw new MinutesRuleException(AmendmentChangesDecision,
                "An amendment cannot change decisions already applied to referrals and the cohort (only their notes); a later meeting decides again.");
        }

        // Actions already created from the final version keep their place (their ids are their positions): add, never reorder.
        if (content.Actions.Count < final.Actions.Count || !final.Actions.SequenceEqual(content.Actions.Take(final.Actions.Count)))
        {
            throw new MinutesRuleException(AmendmentChangesAction,
                "An amendment may add actions but cannot change or remove those already given out; complete them instead.");
        }

        return this with
        {
            Version = amends + 1,
            Status = MinutesStatus.Draft,
            Content = content,
            Amendment = new MinutesAmendment(amends, summary.Trim(), Differences(final, content)),
            SavedBy = byUserId,
            SavedAt = at,
            Ruling = null,
            FinalisedBy = null,
            FinalisedAt = null,
        };
    }

    private static bool SameDecision(MinutesDecision a, MinutesDecision b) =>
        (a with { Notes = null, Strands = [] }) == (b with { Notes = null, Strands = [] }) && a.Strands.SequenceEqual(b.Strands);

    /// <summary>The parts of the content that differ: whole lists, or each decision's notes.</summary>
    public static IReadOnlyList<string> Differences(MinutesContent before, MinutesContent after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = new List<string>();
        if (!before.Attendance.SequenceEqual(after.Attendance))
        {
            changed.Add("attendance");
        }

        if (!before.Apologies.SequenceEqual(after.Apologies))
        {
            changed.Add("apologies");
        }

        for (var i = 0; i < Math.Min(before.Decisions.Count, after.Decisions.Count); i++)
        {
            if (before.Decisions[i].Notes != after.Decisions[i].Notes)
            {
                changed.Add($"decisions[{i}].notes");
            }
        }

        if (!before.Actions.SequenceEqual(after.Actions))
        {
            changed.Add("actions");
        }

        return changed;
    }
}
