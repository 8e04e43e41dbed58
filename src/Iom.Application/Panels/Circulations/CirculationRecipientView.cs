namespace Iom.Application.Panels.Circulations;

/// <summary>One recipient of a circulation as the co-ordinator sees it.</summary>
/// <param name="State"><c>held</c> (off the secure-domain allow-list: never sent), <c>queued</c>, <c>sent</c>, or the provider's delivery state once known (<c>delivered</c>, <c>bounce</c>, <c>dropped</c>).</param>
/// <param name="Role">member, nominating-officer, attendee or referrer.</param>
/// <param name="Reference">The referral reference the recipient's own e-mail named (nominating officers, referrers).</param>
public sealed record CirculationRecipientView(string Email, string? Name, string Role, string State, string? Reference, int Resends);
