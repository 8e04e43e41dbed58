using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Read;
using Iom.Application.Referrals.Submit;
using Iom.Application.Referrals.Withdraw;
using Iom.Domain.Referrals;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Referrals;

/// <summary>The referral JSON API. Each function binds, calls one handler and shapes the answer.</summary>
public sealed class ReferralFunctions(
    SubmitReferralHandler submit,
    GetReferralHandler get,
    ListReferralsHandler list,
    WithdrawReferralHandler withdraw)
{
    [Function("SubmitReferral")]
    [AllowRoles(Roles.Referrer, Purpose = SubmitReferralHandler.Purpose, RateLimited = RateLimitBuckets.ReferralIntake)]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var idempotencyKey = IdempotencyKeyHeader.Read(request);
        var body = await RequestBody.ReadJsonAsync<SubmitReferralRequest>(request, cancellationToken);
        var result = await submit.HandleAsync(body, request.HttpContext.ActingAs(), idempotencyKey, cancellationToken);
        return new JsonResponse(StatusCodes.Status201Created, result, $"/api/referrals/{result.Id}");
    }

    [Function("GetReferral")]
    [AllowRoles(Roles.Referrer, Roles.Coordinator, Roles.PanelMember, Purpose = GetReferralHandler.Purpose, Objects = typeof(ReferralAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals/{id:" + RouteIds.DocumentId + "}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        RequireWellFormed(id);
        var referral = await get.HandleAsync(id, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReferralView.Of(referral));
    }

    [Function("ListReferrals")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = "Referral management: listing a panel's referrals (no personal data)", Objects = typeof(PanelAccess))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = await list.HandleAsync(ParseQuery(request.Query), request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReferralSummaryPage.Of(page));
    }

    [Function("WithdrawReferral")]
    [AllowRoles(Roles.Referrer, Purpose = WithdrawReferralHandler.Purpose, Objects = typeof(ReferralAccess))]
    public async Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{id:" + RouteIds.DocumentId + "}/withdraw")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        RequireWellFormed(id);
        var body = await RequestBody.ReadJsonAsync<WithdrawReferralRequest>(request, cancellationToken);
        var referral = await withdraw.HandleAsync(id, body, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReferralView.Of(referral));
    }

    // Ids are 32 lower-case hex digits; anything else cannot name a referral.
    internal static void RequireWellFormed(string id)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            throw GetReferralHandler.NotFound();
        }
    }

    private static ReferralQuery ParseQuery(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PanelDirectory.TryParse(query["panel"], out var panel))
        {
            errors["panel"] = ["Choose a panel: iom, asb, dyo or strategic-group"];
        }

        DateOnly? meeting = null;
        if (query["meeting"] is { Count: > 0 } m)
        {
            if (DateOnly.TryParseExact(m.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                meeting = date;
            }
            else
            {
                errors["meeting"] = ["The meeting must be a date written YYYY-MM-DD"];
            }
        }

        ReferralStatus? status = null;
        if (query["status"] is { Count: > 0 } s)
        {
            var match = Enum.GetValues<ReferralStatus>().Where(v => ReferralView.StatusName(v) == s.ToString()).ToList();
            if (match.Count == 1)
            {
                status = match[0];
            }
            else
            {
                errors["status"] = [$"The status must be one of {string.Join(", ", Enum.GetValues<ReferralStatus>().Select(ReferralView.StatusName))}"];
            }
        }

        var pageNumber = PositiveInt(query["page"], "page", 1, int.MaxValue, errors);
        var pageSize = PositiveInt(query["pageSize"], "pageSize", 25, ListReferralsHandler.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new ReferralQuery(panel, meeting, status, pageNumber, pageSize);
    }

    private static int PositiveInt(string? text, string field, int fallback, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors[field] = [$"The {field} must be a whole number from 1 to {max}"];
        return fallback;
    }
}
