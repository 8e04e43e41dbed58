namespace Iom.Domain.Releases;

/// <summary>Who is acknowledging: their Entra object id, and the e-mail and agency their sign-in carries.</summary>
public sealed record ReleaseAlertAcknowledger(string ObjectId, string? Email, string? Agency);
