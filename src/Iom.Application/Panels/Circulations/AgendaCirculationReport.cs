namespace Iom.Application.Panels.Circulations;

/// <summary>What one run of <see cref="AgendaCirculation"/> did: counts only, for the log.</summary>
public sealed record AgendaCirculationReport(int Agendas, int Addenda, int Queued, int Held);
