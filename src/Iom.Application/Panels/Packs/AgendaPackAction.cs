using Iom.Domain.Panels;

namespace Iom.Application.Panels.Packs;

/// <summary>An open action in the pack, with its owner's name from the roster of the meeting day (null when they had left).</summary>
public sealed record AgendaPackAction(PanelAction Action, string? OwnerName, bool Overdue);
