using Iom.Application.Api;

namespace Iom.Application.Panels.Actions;

/// <summary>A page of actions in due-date order and the link to the next page (absent on the last).</summary>
public sealed record PanelActionPage(IReadOnlyList<PanelActionView> Items, string? Next) : IApiResponse
{
    public static PanelActionPage Of(ActionPage page, Func<string, string> nextLink)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(nextLink);
        return new PanelActionPage([.. page.Items.Select(a => PanelActionView.Of(a, page.Today))], page.Continuation is null ? null : nextLink(page.Continuation));
    }
}
