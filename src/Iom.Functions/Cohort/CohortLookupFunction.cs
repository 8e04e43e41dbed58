using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Cohort.Lookup;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Cohort;

/// <summary>The duty prosecutor's question: is this person in the IOM cohort (Leeds recommendation 3)?</summary>
public sealed class CohortLookupFunction(CohortLookup lookup)
{
    [Function("CohortLookup")]
    [QueryParameter("pnc", "A PNC id, e.g. 2012/0052494Q or 12/52494Q (exactly one of pnc, cro, noms).")]
    [QueryParameter("cro", "A CRO number, e.g. 000123/12X.")]
    [QueryParameter("noms", "A prison (NOMS) number, e.g. A1234BC.")]
    [QueryParameter("on", "The day to answer for (YYYY-MM-DD); today in London by default.", Format = "date")]
    [Responds(StatusCodes.Status200OK, typeof(CohortLookupAnswer), Description = "In the cohort that day, and how to reach the lead professional; or inCohort false (also for a person not known).")]
    [AllowRoles(Roles.Prosecutor, Purpose = CohortLookup.Purpose, Objects = typeof(CohortLookupAccess))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cohort/lookup")] HttpRequest request, CancellationToken cancellationToken)
    {
        DateOnly? on = null;
        if (request.Query["on"] is { Count: > 0 } day)
        {
            on = DateOnly.TryParseExact(day.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw ValidationFailedException.For("on", "The day must be a date written YYYY-MM-DD");
        }

        var query = new CohortLookupQuery(request.Query["pnc"], request.Query["cro"], request.Query["noms"], on);
        return new JsonResponse(StatusCodes.Status200OK, await lookup.HandleAsync(query, request.HttpContext.ActingAs(), cancellationToken));
    }
}
