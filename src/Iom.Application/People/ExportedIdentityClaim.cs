namespace Iom.Application.People;

/// <summary>An identifier-index entry held under the person (its key is the identifier in index form).</summary>
public sealed record ExportedIdentityClaim(string Key, string PersonId, string ReferralId, DateTimeOffset ClaimedAt);
