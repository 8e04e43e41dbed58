namespace Iom.Domain.Calendar;

/// <summary>
/// Turns instants into UK civil time for anything a person reads (letters, e-mails, agendas, deadlines): store and
/// compare instants, show London time.
/// </summary>
public static class LondonTime
{
    // "Europe/London" is an IANA id: Linux reads it from tzdata, Windows maps it to "GMT Standard Time" through ICU
    // (which is why InvariantGlobalization stays off).
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The same instant with the London offset: +00:00 in GMT, +01:00 in BST.</summary>
    public static DateTimeOffset ToLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar date in London at that instant.</summary>
    public static DateOnly LondonDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLondon(instant).DateTime);
}
