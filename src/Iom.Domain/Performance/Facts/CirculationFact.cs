using Iom.Domain.Calendar;
using Iom.Domain.Panels.Circulations;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// A meeting's first agenda or first minutes: the date they were due and the London date they went. Reissues,
/// addenda, outcomes and cancellations are not timeliness facts (<see cref="Of"/> gives null for them).
/// </summary>
public sealed record CirculationFact(string Id, CirculationKind Kind, DateOnly Due, DateOnly Sent)
{
    public bool OnTime => Sent <= Due;

    public static CirculationFact? Of(Circulation circulation)
    {
        ArgumentNullException.ThrowIfNull(circulation);
        return circulation.Kind is CirculationKind.Agenda or CirculationKind.Minutes && circulation.Issue == "1" && !circulation.Cancelled
            ? new CirculationFact(circulation.Id, circulation.Kind, circulation.Due, LondonTime.LondonDate(circulation.CreatedAt))
            : null;
    }
}
