using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Wards.Mapping;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Wards;

/// <summary>The ward mapping, run by a co-ordinator as an explicit operation (docs/referrals.md, "Wards").</summary>
public sealed class WardMappingFunctions(MapStoredWards mapping)
{
    [Function("MapWards")]
    [QueryParameter("dryRun", "true: report what would be mapped and what cannot be, changing nothing.", Values = ["true", "false"])]
    [Responds(StatusCodes.Status200OK, typeof(WardMappingReport), Description = "Counts of the referrals scanned, mapped (or, in a dry run, that would be) and already coded, "
        + "and each free-text ward no configured ward matches with how many referrals hold it. Run again until mapped and changedMeanwhile are 0: "
        + "a run cut short (503) has mapped each referral it reached, and a second run changes nothing.")]
    [AllowRoles(Roles.Coordinator, Purpose = MapStoredWards.Purpose, Objects = typeof(ReferralAccess))]
    public async Task<IActionResult> Map(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "wards/mapping")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await mapping.HandleAsync(DryRun(request.Query), request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, report);
    }

    private static bool DryRun(IQueryCollection query) => query["dryRun"] switch
    {
        { Count: 0 } => false,
        { Count: 1 } value when value.ToString() == "false" => false,
        { Count: 1 } value when value.ToString() == "true" => true,
        _ => throw ValidationFailedException.For("dryRun", "dryRun must be true or false"),
    };
}
