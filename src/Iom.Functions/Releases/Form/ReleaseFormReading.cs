using Iom.Application.Releases;
using Iom.Functions.Referrals.Form;

namespace Iom.Functions.Releases.Form;

/// <summary>
/// The release form as the API request it stands for, and what the form alone found wrong (keyed by JSON path, or by
/// the time box's name), with which boxes of each date were wrong.
/// </summary>
/// <param name="Answered">
/// Paths the form left empty in the request although the person answered them (the date of a time that could not be
/// read): the validator's "enter this" for them is not said, the form's own message is.
/// </param>
internal sealed record ReleaseFormReading(
    ReleaseReportRequest Request,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyDictionary<string, DateParts> DatePartsInError,
    IReadOnlySet<string> Answered);
