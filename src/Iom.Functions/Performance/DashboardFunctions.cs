using Iom.Application.Identity;
using Iom.Application.Performance.Dashboard;
using Iom.Domain.Agencies;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Performance;

/// <summary>The performance dashboard: a printable GOV.UK page of the stored rollups, as each role may see them.</summary>
public sealed class DashboardFunctions(GetDashboardHandler dashboard, PageRenderer pages, AgencyList agencies)
{
    public const string Template = "Pages/Performance/dashboard";
    public const string Path = "/api/performance/dashboard";
    public const string Stylesheet = "dashboard.css";

    private static readonly PageService Service = new("IOM performance", Path);

    [Function("PerformanceDashboard")]
    [Responds(StatusCodes.Status200OK, ContentType = "text/html", Description = "The last 12 months and the month to date of every measure the stored rollups hold, as charts with tables beside them, and for analysts and co-ordinators the cohort breakdowns and referrals by agency of one period; a councillor sees ward counts of completed months only, small counts withheld. No personal data.")]
    [QueryParameter("period", "The period of the breakdown tables (analysts and co-ordinators): a month (2026-11), a quarter (2026-Q3) or a financial year (FY2026-27); default the last final month. Anything else is 400.")]
    [BrowserPage]
    [AllowRoles(Roles.Analyst, Roles.Coordinator, Roles.Councillor)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "performance/dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = request.HttpContext.Caller();
        var period = request.Query["period"];
        try
        {
            if (period.Count > 1)
            {
                throw Application.Errors.ValidationFailedException.For("period", "Enter one period");
            }

            var view = DashboardView.Of(await dashboard.HandleAsync(caller, period.Count == 1 ? period[0] : null, cancellationToken), agencies);
            return pages.Render(Template, StatusCodes.Status200OK, view.Heading, view, service: Service, stylesheet: Stylesheet);
        }
        catch (Application.Errors.ValidationFailedException refused)
            when (GetDashboardHandler.AudienceOf(caller) == DashboardAudience.Full && WantsPage(request))
        {
            // Someone who typed a bad period into the page's form: the page again, 400, with the GOV.UK error summary.
            var view = DashboardView.Of(await dashboard.HandleAsync(caller, null, cancellationToken), agencies);
            var withError = view.WithPeriodError(period.ToString(), refused.Errors.GetValueOrDefault("period")?.FirstOrDefault() ?? "Enter a period");
            return pages.Render(Template, StatusCodes.Status400BadRequest, view.Heading, withError, hasErrors: true, service: Service, stylesheet: Stylesheet);
        }
    }

    /// <summary>A browser asking for a page (API callers get problem details, as from every other endpoint).</summary>
    private static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
