using Iom.Application.Api;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// A meeting's circulations for its co-ordinator: the agenda and minutes due dates, whether each is late (due and
/// not yet sent), and every circulation with per-recipient state.
/// </summary>
public sealed record MeetingCirculations(
    string MeetingId,
    DateOnly AgendaDue,
    bool AgendaLate,
    DateOnly MinutesDue,
    bool MinutesLate,
    IReadOnlyList<CirculationView> Circulations) : IApiResponse;
