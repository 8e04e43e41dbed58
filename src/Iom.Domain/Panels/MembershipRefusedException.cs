namespace Iom.Domain.Panels;

/// <summary>A membership change a rule refuses; nothing changed. <see cref="Rule"/> is the rule's short name.</summary>
public sealed class MembershipRefusedException(string rule, string message) : Exception(message)
{
    /// <summary>The member named is not on the panel (told apart so the caller can answer "not found").</summary>
    public const string NoSuchMember = "no-such-member";
    public const string EffectiveDateInPast = "effective-date-in-past";
    public const string BeforeLastChange = "before-last-change";
    public const string AlreadyAMember = "already-a-member";
    public const string ChairFromAnotherOrganisation = "chair-from-another-organisation";
    public const string SeatHeldTwice = "seat-held-twice";

    public string Rule { get; } = rule;
}
