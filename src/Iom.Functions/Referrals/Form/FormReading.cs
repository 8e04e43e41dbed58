using Iom.Application.Referrals.Submit;

namespace Iom.Functions.Referrals.Form;

/// <summary>The form as the API request it stands for, and what the form alone found wrong (keyed by JSON path).</summary>
internal sealed record FormReading(SubmitReferralRequest Request, IReadOnlyDictionary<string, string[]> Errors, DateParts DatePartsInError);
