using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

public sealed class MeetingFunctions(
    CreateMeetingsHandler create,
    ListMeetingsHandler list,
    GetMeetingHandler get,
    ChangeMeetingHandler change,
    TimeProvider time)
{
    private const string ReadPurpose = "Panel administration: reading the panel's meetings";

    // Tokens are a few hundred characters (a keyset, or the Cosmos SDK's token for one partition).
    private const int MaxContinuationLength = 4096;

    [Function("CreateMeetings")]
    [Accepts(typeof(CreateMeetingsRequest))]
    [Responds(StatusCodes.Status201Created, typeof(CreatedMeetings), Description = "The meetings added, each with its id.")]
    [AllowRoles(Roles.Coordinator, Purpose = ChangeMeetingHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "panels/{panel}/meetings")] HttpRequest request, string panel, CancellationToken cancellationToken)
    {
        var code = PanelRouteValues.Panel(panel);
        var body = await RequestBody.ReadJsonAsync<CreateMeetingsRequest>(request, cancellationToken);
        var meetings = await create.HandleAsync(code, body, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status201Created, new CreatedMeetings(PanelDirectory.Code(code), meetings));
    }

    [Function("ListMeetings")]
    [QueryParameter("from", "Meetings on or after this date (YYYY-MM-DD); today when absent.", Format = "date")]
    [QueryParameter("to", "Meetings on or before this date (YYYY-MM-DD).", Format = "date")]
    [QueryParameter("pageSize", "Meetings a page, from 1 to 100.", Format = "int32")]
    [QueryParameter("continuation", "The next page's token, from next.")]
    [Responds(StatusCodes.Status200OK, typeof(MeetingList), Description = "A page of the panel's meetings, scheduled and cancelled, earliest first.")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = ReadPurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "panels/{panel}/meetings")] HttpRequest request, string panel, CancellationToken cancellationToken)
    {
        var query = ParseQuery(PanelRouteValues.Panel(panel), request.Query);
        var page = await list.HandleAsync(query, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, new MeetingList([.. page.Items.Select(MeetingView.Of)],
            page.Continuation is null ? null : NextLink(query, page.Continuation)));
    }

    [Function("GetMeeting")]
    [Responds(StatusCodes.Status200OK, typeof(MeetingView), Description = "The meeting, with its ETag.")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = ReadPurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var stored = await get.HandleAsync(PanelRouteValues.Meeting(id), request.HttpContext.ActingAs(), cancellationToken);
        request.HttpContext.Response.Headers.ETag = MeetingETag.Of(stored);
        return new JsonResponse(StatusCodes.Status200OK, MeetingView.Of(stored.Value));
    }

    [Function("CancelMeeting")]
    [Accepts(typeof(CancelMeetingRequest))]
    [Responds(StatusCodes.Status200OK, typeof(MeetingView), Description = "Cancelled: its referrals are relisted and its invitations cancelled, after the answer.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Already held (meeting-held) or already cancelled (meeting-cancelled).")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match is not the meeting's ETag: someone changed it first.")]
    [AllowRoles(Roles.Coordinator, Purpose = ChangeMeetingHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/cancel")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var meetingId = PanelRouteValues.Meeting(id);
        var body = await RequestBody.ReadJsonAsync<CancelMeetingRequest>(request, cancellationToken);
        var cancelled = await change.CancelAsync(meetingId, body, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, MeetingView.Of(cancelled));
    }

    [Function("MoveMeeting")]
    [Accepts(typeof(MoveMeetingRequest))]
    [Responds(StatusCodes.Status200OK, typeof(MeetingView), Description = "Moved: same id, new date; its referrals are relisted and its invitations updated, after the answer.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Already held (meeting-held) or cancelled (meeting-cancelled).")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match is not the meeting's ETag: someone changed it first.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "The new date breaks a rule: date-in-past, not-a-working-day, panel-already-meets or nothing-changed.")]
    [AllowRoles(Roles.Coordinator, Purpose = ChangeMeetingHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Move(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/move")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var meetingId = PanelRouteValues.Meeting(id);
        var body = await RequestBody.ReadJsonAsync<MoveMeetingRequest>(request, cancellationToken);
        var moved = await change.MoveAsync(meetingId, body, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, MeetingView.Of(moved));
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count == 0 ? null : request.Headers.IfMatch.ToString().Trim();

    private MeetingQuery ParseQuery(Domain.Referrals.PanelCode panel, IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Date(query["from"], "from", errors) ?? LondonTime.LondonDate(time.GetUtcNow());
        var to = Date(query["to"], "to", errors);
        if (to < from && errors.Count == 0)
        {
            errors["to"] = ["The end date must be on or after the start date"];
        }

        var pageSize = 25;
        if (query["pageSize"].ToString() is { Length: > 0 } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > ListMeetingsHandler.MaxPageSize))
        {
            errors["pageSize"] = [$"The pageSize must be a whole number from 1 to {ListMeetingsHandler.MaxPageSize}"];
        }

        string? continuation = query["continuation"];
        if (continuation is { Length: 0 or > MaxContinuationLength })
        {
            errors["continuation"] = ["The continuation is not one this list gave: start again from the first page"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new MeetingQuery(panel, from, to, pageSize, continuation);
    }

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["The date must be a real date, written YYYY-MM-DD"];
        return null;
    }

    // The same dates and page size, and the token; the token is URL-safe already (base64url).
    private static string NextLink(MeetingQuery query, string continuation)
    {
        var link = $"/api/panels/{PanelDirectory.Code(query.Panel)}/meetings?from={query.From:yyyy-MM-dd}";
        if (query.To is { } to)
        {
            link += $"&to={to:yyyy-MM-dd}";
        }

        return link + $"&pageSize={query.PageSize.ToString(CultureInfo.InvariantCulture)}&continuation={Uri.EscapeDataString(continuation)}";
    }
}
