using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>Why a notification was left for the co-ordinator instead of being applied to a person.</summary>
public enum ReleaseMatchGround
{
    /// <summary>No identifier, nor the names and date of birth, names anyone known.</summary>
    [WireName("nobody-known")] NobodyKnown,

    /// <summary>An identifier names a person, but no open referral and no current cohort membership: nobody works with them.</summary>
    [WireName("not-worked-with")] NotWorkedWith,

    /// <summary>Only the names and date of birth match: never enough on their own.</summary>
    [WireName("name-and-date-of-birth")] NameAndDateOfBirth,

    /// <summary>The identifiers name different people: never a guess.</summary>
    [WireName("identifiers-disagree")] IdentifiersDisagree,
}
