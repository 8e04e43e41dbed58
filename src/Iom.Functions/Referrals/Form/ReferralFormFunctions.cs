using System.Globalization;
using Iom.Application.Errors;
using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Application.Mail;
using Iom.Application.Panels;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Read;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Referrals;
using Iom.Domain.Wards;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// The referral form (GOV.UK Design System, works without JavaScript) and its confirmation page. The form posts to
/// the same handler as the JSON API; its errors and refusals are shown as pages rather than problem details.
/// </summary>
public sealed partial class ReferralFormFunctions(
    SubmitReferralHandler submit,
    GetReferralHandler get,
    PanelDirectory panels,
    SecureMailDomains recipients,
    WardList wards,
    IAntiforgery antiforgery,
    Microsoft.Extensions.Options.IOptions<AntiforgeryOptions> antiforgeryOptions,
    PageRenderer pages,
    TimeProvider time,
    ILogger<ReferralFormFunctions> logger)
{
    public const string FormPath = "/api/referrals/new";
    public const string ConfirmationPurpose = "Referral intake: confirming a referral's reference and meeting to the person who made it";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    [Function("ReferralForm")]
    [Responds(StatusCodes.Status200OK, ContentType = "text/html", Description = "The referral form.")]
    [AllowRoles(Roles.Referrer)]
    [BrowserPage]
    public IActionResult Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals/new")] HttpRequest request) =>
        FormPage(request.HttpContext, StatusCodes.Status200OK, posted: null, NoErrors, DateParts.None);

    [Function("SubmitReferralForm")]
    [Accepts("application/x-www-form-urlencoded")]
    [Responds(StatusCodes.Status303SeeOther, Description = "Taken in: on to its confirmation page (Location).")]
    [Responds(StatusCodes.Status400BadRequest, ContentType = "text/html", Description = "The form again with its errors, or the form had expired.")]
    [Responds(StatusCodes.Status403Forbidden, ContentType = "text/html", Description = "The caller's account has no agency, or one not on the configured list; nothing is stored.")]
    [Responds(StatusCodes.Status409Conflict, ContentType = "text/html", Description = "The person is already referred.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, ContentType = "text/html", Description = "Not eligible; nothing is stored.")]
    [BrowserPage]
    [AllowRoles(Roles.Referrer, Purpose = SubmitReferralHandler.Purpose, RateLimited = RateLimitBuckets.ReferralIntake)]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/new")] HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await RequestBody.ReadFormAsync(request, cancellationToken);
        if (!await antiforgery.IsRequestValidAsync(request.HttpContext))
        {
            LogAntiforgeryRefused(logger);
            return Message(StatusCodes.Status400BadRequest, "Sorry, this form has expired",
                ["The form was open for too long, or was sent from another browser or by another account. Nothing has been sent."],
                reference: null, "Start the referral again", FormPath);
        }

        var reading = ReferralForm.Read(form);
        try
        {
            if (reading.Errors.Count > 0)
            {
                return FormPage(request.HttpContext, StatusCodes.Status400BadRequest, form, await AllErrorsAsync(reading, request.HttpContext.Caller(), cancellationToken), reading.DatePartsInError);
            }

            // The page's anti-forgery token is the form's Idempotency-Key: each page shown has its own, so the same
            // page sent twice (a double click, a resend after a lost answer) gets the first one's confirmation.
            var result = await submit.HandleAsync(reading.Request, request.HttpContext.ActingAs(), FormIdempotencyKey(form), cancellationToken);
            return new SeeOther($"/api/referrals/{result.Id}/confirmation");
        }
        catch (ValidationFailedException invalid)
        {
            return FormPage(request.HttpContext, StatusCodes.Status400BadRequest, form, invalid.Errors, reading.DatePartsInError);
        }
        catch (RefusalException refusal)
        {
            return Refused(refusal);
        }
    }

    [Function("ReferralConfirmation")]
    [Responds(StatusCodes.Status200OK, ContentType = "text/html", Description = "The reference, panel and meeting; never who the referral is about.")]
    [Responds(StatusCodes.Status404NotFound, ContentType = "text/html", Description = "No referral the caller can see has this id.")]
    [BrowserPage]
    [AllowRoles(Roles.Referrer, Roles.Coordinator, Roles.PanelMember, Purpose = ConfirmationPurpose, Objects = typeof(ReferralAccess))]
    public async Task<IActionResult> Confirmation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referrals/{id:" + RouteIds.DocumentId + "}/confirmation")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        Referral referral;
        try
        {
            ReferralFunctions.RequireWellFormed(id);
            referral = await get.HandleAsync(id, request.HttpContext.ActingAs(), cancellationToken);
        }
        catch (RefusalException refusal) when (refusal.Kind == RefusalKind.NotFound)
        {
            return Message(StatusCodes.Status404NotFound, "Page not found",
                ["There is no referral at this address, or it is not one you can see."], reference: null, "Make a referral", FormPath);
        }

        // The reference, panel and meeting only: this page never shows who the referral is about.
        var panel = panels.Get(referral.Panel).Name;
        var listing = referral.Status switch
        {
            ReferralStatus.Listed when referral.MeetingDate is { } date => $"It is listed for the {panel} meeting on {date.ToString("dddd d MMMM yyyy", English)}.",
            ReferralStatus.AwaitingMeeting => $"It is awaiting a meeting: the {panel} has none far enough ahead yet, and it will be listed as soon as one is arranged.",
            _ => $"It is with the {panel}; its status is now {ReferralView.StatusName(referral.Status).Replace('-', ' ')}.",
        };
        return pages.Render("Pages/Referrals/confirmation", StatusCodes.Status200OK, "Referral submitted", new ConfirmationView(referral.Reference, listing, FormPath));
    }

    private string? FormIdempotencyKey(IFormCollection form) =>
        form[antiforgeryOptions.Value.FormFieldName] is { Count: 1 } token && !string.IsNullOrEmpty(token[0]) ? $"form:{token[0]}" : null;

    private HtmlPage FormPage(HttpContext http, int status, IFormCollection? posted, IReadOnlyDictionary<string, string[]> errors, DateParts datePartsInError)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var view = ReferralForm.View(posted, http.Caller(), errors, datePartsInError, wards);
        var content = new FormPageView(FormPath, tokens.FormFieldName, tokens.RequestToken!, view.Fields, view.Errors);
        return pages.Render("Pages/Referrals/referral-form", status, "Make a referral", content, hasErrors: view.Errors.Count > 0);
    }

    // The form found something the API cannot see (an impossible date, a score that is not a number): the validator
    // is still run so every other error is shown at the same time, and the form's own messages take precedence.
    private async Task<IReadOnlyDictionary<string, string[]>> AllErrorsAsync(FormReading reading, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            ValidationFailedException.ThrowIfInvalid(await new SubmitReferralValidator(time, recipients, caller.Email, wards).ValidateAsync(reading.Request, cancellationToken));
        }
        catch (ValidationFailedException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                errors[field] = messages;
            }
        }

        foreach (var (field, messages) in reading.Errors)
        {
            errors[field] = messages;
        }

        return errors;
    }

    private HtmlPage Refused(RefusalException refusal)
    {
        var status = Problems.FromKnownException(refusal)!.Problem.Status!.Value;
        // The existing reference is there only for the agency that made that referral; the detail says whom to contact.
        var reference = refusal.Extensions.GetValueOrDefault("existingReference") as string;
        return refusal.Kind switch
        {
            RefusalKind.Conflict when refusal.Reason == SubmitReferralHandler.DuplicateReason => Message(status, "This person has already been referred",
                [refusal.Title, refusal.Detail ?? "", "Nothing new has been stored."],
                reference, "Make another referral", FormPath),
            RefusalKind.Conflict when refusal.Reason == SubmitReferralHandler.KeyInFlightReason => Message(status, "Your referral is still being sent",
                ["This form was sent a moment ago and is still being processed.", "Wait a few seconds, then refresh this page to see its confirmation."],
                null, "Make another referral", FormPath),
            RefusalKind.Unprocessable when refusal.Reason == SubmitReferralHandler.KeyReusedReason => Message(status, "This form has already been used",
                ["A referral was already sent from this form with different details. Nothing new has been stored.",
                 "To make another referral, start a new form."], null, "Make another referral", FormPath),
            RefusalKind.Forbidden => Message(status, "You cannot make referrals yet", [refusal.Title, refusal.Detail ?? ""], null, "Back to the form", FormPath),
            _ => Message(status, "This referral cannot be accepted",
                [refusal.Title, refusal.Detail ?? "", "Nothing about this person has been stored."], null, "Make another referral", FormPath),
        };
    }

    private HtmlPage Message(int status, string heading, IReadOnlyList<string> paragraphs, string? reference, string linkText, string linkHref) =>
        pages.Render("Pages/message", status, heading,
            new MessageView(heading, paragraphs.Where(p => p.Length > 0).ToList(), reference, linkText, linkHref));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A referral form was posted without a valid anti-forgery token")]
    private static partial void LogAntiforgeryRefused(ILogger logger);

    private sealed record FormPageView(
        string Action, string TokenName, string Token, IReadOnlyDictionary<string, object> Fields, IReadOnlyList<ErrorLink> Errors);

    private sealed record ConfirmationView(string Reference, string Listing, string NewReferral);

    private sealed record MessageView(string Heading, IReadOnlyList<string> Paragraphs, string? Reference, string LinkText, string LinkHref);
}
