namespace Iom.Application.Mail;

/// <summary>
/// A message whose recipients learn something about one or more people (even only that a referral about someone
/// exists): its sending is a disclosure under the DPA 2018 s.62, audited before it leaves in the log of every person it
/// names, each record listing every recipient and carrying the same disclosure id (the message's idempotency key).
/// </summary>
public sealed record MailDisclosure(IReadOnlyList<string> PersonIds, string Subject, string Purpose, string CorrelationId)
{
    /// <summary>A disclosure about one person.</summary>
    public static MailDisclosure About(string personId, string subject, string purpose, string correlationId) =>
        new([personId], subject, purpose, correlationId);
}
