namespace Iom.Application.Panels.Circulations;

/// <summary>One circulation of a meeting: what went, when, whether by its due date, and to whom with what state.</summary>
/// <param name="Kind">agenda, addendum, minutes or outcome.</param>
/// <param name="Issue">1, 2 … for agenda and minutes versions (an agenda issue above 1 is a changed meeting's invitation); the day for an addendum.</param>
public sealed record CirculationView(
    string Id,
    string Kind,
    string Issue,
    DateOnly Due,
    DateTimeOffset CirculatedAt,
    bool OnTime,
    bool Cancelled,
    int Held,
    IReadOnlyList<CirculationRecipientView> Recipients);
