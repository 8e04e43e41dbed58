using Iom.Application.Identity;
using Iom.Application.Wards.List;
using Iom.Domain.Wards;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Wards;

/// <summary>The configured wards, for clients that write a referral's ward or show a rollup's ward cells by name (docs/referrals.md, "Wards").</summary>
public sealed class WardListFunctions(WardList wards)
{
    [Function("ListWards")]
    [Responds(StatusCodes.Status200OK, typeof(WardListView), Description = "Every configured ward, retired ones included, as {code, name, retired} in the configured order. "
        + "No personal data: not audited. ETag of the content, cacheable privately for 5 minutes.")]
    [Responds(StatusCodes.Status304NotModified, Description = "The caller's copy (If-None-Match) is current.")]
    // Whoever writes a referral's ward, reads one, or reads ward-keyed rollups (the dashboard's councillor view included).
    [AllowRoles(Roles.Referrer, Roles.Coordinator, Roles.PanelMember, Roles.Analyst, Roles.Councillor)]
    public IActionResult List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "wards")] HttpRequest request) =>
        new CacheableJsonResult(WardListView.Of(wards));
}
