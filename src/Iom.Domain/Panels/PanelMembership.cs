using Iom.Domain.Referrals;

namespace Iom.Domain.Panels;

/// <summary>
/// A panel's membership with dated history: the aggregate of the panel's roster. <see cref="Versions"/> holds the
/// version in force on the day of the last change and any versions dated after it, so the stored document stays
/// small whatever the history; every version is also kept apart (the store's dated versions) for the days before.
/// Each change takes effect from a day no earlier than today nor than the last change, so history is never rewritten.
/// </summary>
/// <param name="Revision">Goes up with every change: what a co-ordinator's edit is checked against (the ETag).</param>
public sealed record PanelMembership(PanelCode Panel, int Revision, IReadOnlyList<RosterVersion> Versions)
{
    /// <summary>The first roster of a panel (from configuration), in force from the beginning.</summary>
    /// <exception cref="MembershipRefusedException">The roster breaks a rule (two chairs, a chair from another organisation, a member twice).</exception>
    public static PanelMembership Seed(PanelCode panel, string chairOrganisation, IEnumerable<PanelMember> members, string changedBy, DateTimeOffset at)
    {
        var roster = new List<PanelMember>();
        foreach (var member in members)
        {
            if (roster.Any(m => SameMember(m.MemberId, member.MemberId)))
            {
                throw new MembershipRefusedException(MembershipRefusedException.AlreadyAMember, "A member can sit on a panel once.");
            }

            if (member.Seat != PanelSeat.Member && roster.Any(m => m.Seat == member.Seat))
            {
                throw new MembershipRefusedException(MembershipRefusedException.SeatHeldTwice, $"Only one member can hold the {member.Seat} seat.");
            }

            RequireChairFrom(chairOrganisation, member);
            roster.Add(member);
        }

        return new PanelMembership(panel, 0,
            [new RosterVersion(DateOnly.MinValue, chairOrganisation, roster, [new MembershipChange(MembershipChangeKind.Seeded, null, changedBy, at)])]);
    }

    /// <summary>The last version: what every change builds on.</summary>
    public RosterVersion Latest => Versions[^1];

    /// <summary>The day the last change takes effect: no change may be dated before it.</summary>
    public DateOnly LastChangeFrom => Latest.EffectiveFrom;

    /// <summary>The roster on <paramref name="day"/>, or null for a day before the versions this holds (read the dated versions).</summary>
    public PanelRoster? On(DateOnly day) => VersionOn(day)?.Roster(Panel, day);

    /// <summary>The version in force on <paramref name="day"/>, or null for a day before the versions this holds.</summary>
    public RosterVersion? VersionOn(DateOnly day) => Versions.LastOrDefault(v => v.EffectiveFrom <= day);

    public MembershipMove Add(PanelMember member, DateOnly effectiveFrom, DateOnly today, string changedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (Latest.Members.Any(m => SameMember(m.MemberId, member.MemberId)))
        {
            throw new MembershipRefusedException(MembershipRefusedException.AlreadyAMember, "This person is already a member of the panel.");
        }

        return Apply(effectiveFrom, today, new MembershipChange(MembershipChangeKind.MemberAdded, member.MemberId, changedBy, at),
            v => v with { Members = Seated(v, member, [.. v.Members, member]) });
    }

    /// <summary>
    /// New details or a new seat for a member (the object id stays: a different person is a removal and an addition).
    /// </summary>
    public MembershipMove Change(string memberId, PanelMember details, DateOnly effectiveFrom, DateOnly today, string changedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(details);
        var current = Member(memberId);
        var changed = details with { MemberId = current.MemberId };
        return Apply(effectiveFrom, today, new MembershipChange(MembershipChangeKind.MemberChanged, current.MemberId, changedBy, at),
            v => v with { Members = Seated(v, changed, [.. v.Members.Select(m => m == current ? changed : m)]) });
    }

    public MembershipMove Remove(string memberId, DateOnly effectiveFrom, DateOnly today, string changedBy, DateTimeOffset at)
    {
        var current = Member(memberId);
        return Apply(effectiveFrom, today, new MembershipChange(MembershipChangeKind.MemberRemoved, current.MemberId, changedBy, at),
            v => v with { Members = [.. v.Members.Where(m => m != current)] });
    }

    /// <summary>
    /// Hands the chair to another organisation (terms of reference change). A sitting chair from any other organisation
    /// becomes an ordinary member on the same day: the chair must come from the chair organisation, and the
    /// co-ordinator appoints the new chair with a change effective the same day, so no day has a chair from outside it.
    /// </summary>
    public MembershipMove ChangeChairOrganisation(string organisation, DateOnly effectiveFrom, DateOnly today, string changedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        return Apply(effectiveFrom, today, new MembershipChange(MembershipChangeKind.ChairOrganisationChanged, null, changedBy, at),
            v => v with
            {
                ChairOrganisation = organisation,
                Members = [.. v.Members.Select(m => m.Seat == PanelSeat.Chair && !SameOrganisation(m.Organisation, organisation) ? m with { Seat = PanelSeat.Member } : m)],
            });
    }

    private PanelMember Member(string memberId) =>
        Latest.Members.FirstOrDefault(m => SameMember(m.MemberId, memberId))
        ?? throw new MembershipRefusedException(MembershipRefusedException.NoSuchMember, "There is no such member of the panel.");

    private MembershipMove Apply(DateOnly effectiveFrom, DateOnly today, MembershipChange change, Func<RosterVersion, RosterVersion> edit)
    {
        if (effectiveFrom < today)
        {
            throw new MembershipRefusedException(MembershipRefusedException.EffectiveDateInPast,
                "A membership change takes effect today or later: the rosters of past meetings are not rewritten.");
        }

        if (effectiveFrom < LastChangeFrom)
        {
            throw new MembershipRefusedException(MembershipRefusedException.BeforeLastChange,
                $"A change already takes effect on {LastChangeFrom:yyyy-MM-dd}; date this one on or after it.");
        }

        var sameDay = effectiveFrom == LastChangeFrom;
        var edited = edit(Latest);
        var version = edited with
        {
            EffectiveFrom = effectiveFrom,
            Changes = sameDay ? [.. Latest.Changes, change] : [change],
        };
        IReadOnlyList<RosterVersion> versions = sameDay ? [.. Versions.SkipLast(1), version] : [.. Versions, version];

        // Keep the version in force today and those after it; the older ones are kept apart as dated versions.
        var inForce = versions.Select((v, i) => (v, i)).LastOrDefault(x => x.v.EffectiveFrom <= today).i;
        return new MembershipMove(this with { Revision = Revision + 1, Versions = [.. versions.Skip(inForce)] }, version, sameDay ? null : Latest);
    }

    /// <summary>
    /// The roster with <paramref name="member"/> in its seat. Appointing a chair or vice-chair while another holds the
    /// seat hands it over: the previous holder becomes an ordinary member from the same day (what a co-ordinator
    /// recording a handover means), so a panel never has two on one day. A chair must come from the chair organisation.
    /// </summary>
    private static IReadOnlyList<PanelMember> Seated(RosterVersion version, PanelMember member, IReadOnlyList<PanelMember> roster)
    {
        RequireChairFrom(version.ChairOrganisation, member);
        return member.Seat == PanelSeat.Member
            ? roster
            : [.. roster.Select(m => m.Seat == member.Seat && !SameMember(m.MemberId, member.MemberId) ? m with { Seat = PanelSeat.Member } : m)];
    }

    private static void RequireChairFrom(string chairOrganisation, PanelMember member)
    {
        if (member.Seat == PanelSeat.Chair && !SameOrganisation(member.Organisation, chairOrganisation))
        {
            throw new MembershipRefusedException(MembershipRefusedException.ChairFromAnotherOrganisation,
                $"The chair comes from the panel's chair organisation ({chairOrganisation}); change the chair organisation first.");
        }
    }

    private static bool SameMember(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool SameOrganisation(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
