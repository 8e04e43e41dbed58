namespace Iom.Domain.Panels.Circulations;

/// <summary>Someone a circulation is meant for, before it is decided whether they can be sent to.</summary>
/// <param name="Subject">What their e-mail is about when it is theirs alone (a referral id for an outcome), else null.</param>
/// <param name="Details">Plain values their own e-mail needs (a reference, an outcome, a reason code, the person it discloses about), kept so a resend says the same.</param>
public sealed record CirculationAddressee(
    string Email, string? Name, RecipientRole Role, string? Subject = null, IReadOnlyDictionary<string, string>? Details = null);
