namespace Iom.Functions.Http;

/// <summary>
/// Route constraints for the ids the app hands out, so every route is unambiguous on its own. The Functions host does
/// not rank literal segments above parameters (see <see cref="FallbackFunction"/>): without a shape, the route
/// <c>referrals/{id}</c> of a function whose name sorts first would take <c>referrals/new</c>.
/// </summary>
public static class RouteIds
{
    /// <summary>
    /// A referral, person or other document id: a GUID in its 32-digit "N" form. A length, not a regex: the regex
    /// constraint is left out of the slimmer routing set-ups (AddRoutingCore), and the handlers check the digits.
    /// </summary>
    public const string DocumentId = "length(32)";

    /// <summary>A person known by their Entra object id (a panel member): a GUID with hyphens; the handlers check the digits.</summary>
    public const string ObjectId = "length(36)";

    /// <summary>A meeting (<see cref="Domain.Panels.MeetingId"/>): a panel code and a date, <c>iom-2027-01-12</c> to <c>strategic-group-2027-01-12</c>.</summary>
    public const string MeetingId = "length(14,26)";
}
