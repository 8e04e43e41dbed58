namespace Iom.Application.Panels.Actions;

/// <summary>One page of actions, in due-date order, as of <see cref="Today"/>; <see cref="Continuation"/> is the next page's token, if any.</summary>
public sealed record ActionPage(IReadOnlyList<Domain.Panels.PanelAction> Items, DateOnly Today, string? Continuation);
