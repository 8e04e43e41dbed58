namespace Iom.Domain.Releases;

/// <summary>A release alert's rule refused a change; nothing was changed. <see cref="Reason"/> names the rule.</summary>
public sealed class ReleaseAlertRefusedException(string reason, string message) : InvalidOperationException(message)
{
    /// <summary>The caller answers for none of the alert's recipients.</summary>
    public const string NotARecipient = "not-a-recipient";

    /// <summary>The alert has been escalated already (escalation happens once).</summary>
    public const string AlreadyEscalated = "already-escalated";

    /// <summary>The lead professional acknowledged in time, or there is none: nothing to escalate.</summary>
    public const string NothingToEscalate = "nothing-to-escalate";

    public string Reason { get; } = reason;
}
