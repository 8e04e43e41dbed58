using System.Text.RegularExpressions;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Domain.Releases;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Referrals.Form;
using Iom.Functions.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Releases.Form;

/// <summary>
/// The prison link's release form (GOV.UK Design System, works without JavaScript) and its confirmation page: the
/// people's door to the same release notification the prisons' systems send as signed JSON (docs/releases.md).
/// </summary>
public sealed partial class PrisonReleaseFormFunctions(
    RecordReleaseNotification record,
    IDocumentStore documents,
    IAntiforgery antiforgery,
    PageRenderer pages,
    TimeProvider time,
    ILogger<PrisonReleaseFormFunctions> logger)
{
    public const string FormPath = "/api/prison-releases/new";
    public const string ConfirmationPath = "/api/prison-releases/new/confirmation";
    public const string Purpose = "Release intake: a prison link reporting a person's release, expected release or move from custody";

    private static readonly PageService Service = new("Prison release notifications", FormPath);
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();
    private static readonly IReadOnlyDictionary<string, DateParts> NoDateParts = new Dictionary<string, DateParts>();

    [Function("PrisonReleaseForm")]
    [Responds(StatusCodes.Status200OK, ContentType = "text/html", Description = "The release form, with a fresh event id.")]
    [AllowRoles(Roles.PrisonLink)]
    [BrowserPage]
    public IActionResult Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "prison-releases/new")] HttpRequest request) =>
        FormPage(request.HttpContext, StatusCodes.Status200OK, posted: null, ReleaseForm.NewEventId(), NoErrors, NoDateParts);

    [Function("SubmitPrisonReleaseForm")]
    [Accepts("application/x-www-form-urlencoded")]
    [Responds(StatusCodes.Status303SeeOther, Description = "Recorded (or recorded before, from the same form): on to its confirmation page (Location).")]
    [Responds(StatusCodes.Status400BadRequest, ContentType = "text/html", Description = "The form again with its errors, or the form had expired; nothing is recorded.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, ContentType = "text/html", Description = "This form was already sent with other details; nothing new is recorded.")]
    [BrowserPage]
    [AllowRoles(Roles.PrisonLink, Purpose = Purpose, RateLimited = RateLimitBuckets.PrisonReleaseForm)]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "prison-releases/new")] HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await RequestBody.ReadFormAsync(request, cancellationToken);
        var eventId = ReleaseForm.EventIdOf(form);
        if (!await antiforgery.IsRequestValidAsync(request.HttpContext) || eventId is null)
        {
            LogFormRefused(logger);
            return Message(StatusCodes.Status400BadRequest, "Sorry, this form has expired",
                ["The form was open for too long, or was sent from another browser or by another account. Nothing has been recorded."],
                "Report the release again", FormPath);
        }

        var reading = ReleaseForm.Read(form, eventId);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ReleaseReport? report = null;
        try
        {
            report = new ReleaseReportValidator(time).ToReport(reading.Request, ReleaseSource.Form);
        }
        catch (ValidationFailedException invalid)
        {
            // The form's own findings (an impossible date, an unreadable time) take precedence over the validator's.
            foreach (var (field, messages) in invalid.Errors.Where(e => !reading.Answered.Contains(e.Key)))
            {
                errors[field] = messages;
            }
        }

        foreach (var (field, messages) in reading.Errors)
        {
            errors[field] = messages;
        }

        if (report is null || errors.Count > 0)
        {
            return FormPage(request.HttpContext, StatusCodes.Status400BadRequest, form, eventId, errors, reading.DatePartsInError);
        }

        // The event id came with the form, so the same form sent twice (a double click, a resend after a lost answer) is
        // the same event: recorded once, and both end on its confirmation.
        var receipt = await record.RecordAsync(report, request.HttpContext.Caller().UserId, cancellationToken);
        if (!receipt.Recorded && await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(receipt.Id), cancellationToken) is { } first
            && first.Value.Report != report)
        {
            // Back to a sent form, changed and sent again: the first report stands, so say the change was not recorded
            // rather than confirm it (a corrected release date must not be lost without a word).
            return Message(StatusCodes.Status422UnprocessableEntity, "This form has already been sent",
                ["A release was already reported from this form with different details. The changes have not been recorded.",
                 "To report a correction, start a new form."], "Report a release", FormPath);
        }

        return new SeeOther($"{ConfirmationPath}?id={receipt.Id}");
    }

    [Function("PrisonReleaseConfirmation")]
    [QueryParameter("id", "The notification's id, as the form's redirect gave it (release-…).", Required = true)]
    [Responds(StatusCodes.Status200OK, ContentType = "text/html", Description = "The notification's id and what happens next; nothing about the person.")]
    [Responds(StatusCodes.Status404NotFound, ContentType = "text/html", Description = "The id is not a notification id.")]
    [AllowRoles(Roles.PrisonLink)]
    [BrowserPage]
    public IActionResult Confirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "prison-releases/new/confirmation")] HttpRequest request)
    {
        // The page says back the id it was sent to and reads nothing: it cannot tell anyone about anyone.
        if (request.Query["id"] is not { Count: 1 } ids || ids[0] is not { } id || !NotificationId().IsMatch(id))
        {
            return Message(StatusCodes.Status404NotFound, "Page not found",
                ["There is no release notification at this address."], "Report a release", FormPath);
        }

        return pages.Render("Pages/Releases/confirmation", StatusCodes.Status200OK, "Release reported",
            new ConfirmationView(id, FormPath), service: Service);
    }

    private HtmlPage FormPage(
        HttpContext http, int status, IFormCollection? posted, string eventId, IReadOnlyDictionary<string, string[]> errors,
        IReadOnlyDictionary<string, DateParts> datePartsInError)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var view = ReleaseForm.View(posted, errors, datePartsInError);
        var content = new FormPageView(FormPath, tokens.FormFieldName, tokens.RequestToken!, ReleaseForm.EventIdField, eventId, view.Fields, view.Errors);
        return pages.Render("Pages/Releases/release-form", status, "Report a prison release", content, hasErrors: view.Errors.Count > 0, service: Service);
    }

    private HtmlPage Message(int status, string heading, IReadOnlyList<string> paragraphs, string linkText, string linkHref) =>
        pages.Render("Pages/message", status, heading, new MessageView(heading, paragraphs, linkText, linkHref), service: Service);

    [GeneratedRegex("^" + ReleaseNotifications.IdPrefix + "[0-9a-f]{32}$")]
    private static partial Regex NotificationId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A release form was posted without a valid anti-forgery token or event id")]
    private static partial void LogFormRefused(ILogger logger);

    private sealed record FormPageView(
        string Action, string TokenName, string Token, string EventIdName, string EventId,
        IReadOnlyDictionary<string, object> Fields, IReadOnlyList<ErrorLink> Errors);

    private sealed record ConfirmationView(string Id, string NewReport);

    private sealed record MessageView(string Heading, IReadOnlyList<string> Paragraphs, string LinkText, string LinkHref);
}
