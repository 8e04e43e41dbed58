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
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Referrals;

/// <summary>The referral JSON API. Each function binds, calls one handler and shapes the answer.</summary>
public sealed class ReferralFunctions(
    SubmitReferralHandler submit,
    GetReferralHandler get,
    ListReferralsHandler list,
    WithdrawReferralHandler withdraw,
    Iom.Domain.Wards.WardList wards)
{
    [Function("SubmitReferral")]
    [Accepts(typeof(SubmitReferralRequest))]
    [Responds(StatusCodes.Status201Created, typeof(SubmitReferralResult), Description = "Taken in: its id, reference and where it went (Location: the referral).")]
    [Responds(StatusCodes.Status403Forbidden, typeof(ProblemDetails), Description = "The caller's account has no agency (no-agency), or its agency is not a current agency of the configured list (agency-not-recognised); nothing is stored.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "The person already has an open referral or is in the cohort (audited as a disclosure).")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "Not eligible, with the rule that decided it; nothing is stored.")]
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
    [Responds(StatusCodes.Status200OK, typeof(ReferralView))]
    [AllowRoles(Roles.Referrer, Roles.Coordinator, Roles.PanelMember, Purpose = GetReferralHandler.Purpose, Objects = typeof(ReferralAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals/{id:" + RouteIds.DocumentId + "}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        RequireWellFormed(id);
        var referral = await get.HandleAsync(id, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReferralView.Of(referral, wards));
    }

    [Function("ListReferrals")]
    [QueryParameter("panel", "The panel: iom, asb, dyo or strategic-group.", Required = true)]
    [QueryParameter("meeting", "Only referrals listed for the meeting on this date (YYYY-MM-DD).", Format = "date")]
    [QueryParameter("status", "Only referrals with this status.")]
    [QueryParameter("page", "The page, from 1.", Format = "int32")]
    [QueryParameter("pageSize", "Referrals a page, from 1 to 100 (the largest page).", Format = "int32")]
    [Responds(StatusCodes.Status200OK, typeof(ReferralSummaryPage))]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = "Referral management: listing a panel's referrals (no personal data)", Objects = typeof(PanelAccess))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = ParseQuery(request.Query);
        var page = await list.HandleAsync(query, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReferralSummaryPage.Of(page, continuation => NextLink(query, continuation)));
    }

    [Function("WithdrawReferral")]
    [Accepts(typeof(WithdrawReferralRequest))]
    [Responds(StatusCodes.Status200OK, typeof(ReferralView), Description = "Withdrawn: the referral as it now is.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Its status cannot move to withdrawn.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "Someone else changed it first; read it again and retry.")]
    [AllowRoles(Roles.Referrer, Purpose = WithdrawReferralHandler.Purpose, Objects = typeof(ReferralAccess))]
    public async Task<IActionResult> Withdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{id:" + RouteIds.DocumentId + "}/withdraw")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        RequireWellFormed(id);
        var body = await RequestBody.ReadJsonAsync<WithdrawReferralRequest>(request, cancellationToken);
        var referral = await withdraw.HandleAsync(id, body, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReferralView.Of(referral, wards));
    }

    // Ids are 32 lower-case hex digits; anything else cannot name a referral.
    internal static void RequireWellFormed(string id)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            throw GetReferralHandler.NotFound();
        }
    }

    // The same filters and page size, and the token; the token is URL-safe already (base64url).
    private static string NextLink(ReferralQuery query, string continuation)
    {
        var link = new System.Text.StringBuilder("/api/referrals?panel=").Append(PanelDirectory.Code(query.Panel));
        if (query.Meeting is { } meeting)
        {
            link.Append("&meeting=").Append(meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.Status is { } status)
        {
            link.Append("&status=").Append(ReferralView.StatusName(status));
        }

        return link.Append("&pageSize=").Append(query.PageSize.ToString(CultureInfo.InvariantCulture))
            .Append("&continuation=").Append(Uri.EscapeDataString(continuation)).ToString();
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

        var pageSize = PageParameters.PageSize(query, 25, ListReferralsHandler.MaxPageSize, errors);
        var continuation = PageParameters.Continuation(query, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new ReferralQuery(panel, meeting, status, pageSize, continuation);
    }
}
