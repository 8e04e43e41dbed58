using System.Globalization;
using Iom.Application.Errors;
using Iom.Application.Mail;
using Iom.Domain.Panels;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Membership;

/// <summary>Checks a co-ordinator's input field by field: every problem is answered 400 naming the field, before any rule runs.</summary>
public static class PanelMemberInput
{
    public const int MaxTextLength = 200;

    public const string SecureAddressRule = "Use an address on a secure domain (for example cjsm.net, police.uk, gov.uk or nhs.net): the panel's papers are sent there";

    /// <summary>A member id as stored: the Entra object id in lower-case GUID form.</summary>
    public static bool TryMemberId(string? text, out string memberId)
    {
        var ok = Guid.TryParseExact(text?.Trim(), "D", out var id);
        memberId = ok ? id.ToString("D") : "";
        return ok;
    }

    /// <exception cref="ValidationFailedException">Any field is missing or wrong.</exception>
    public static (PanelMember Member, DateOnly? EffectiveFrom) Parse(string? memberId, ChangePanelMemberRequest request, SecureMailDomains recipients)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var id = memberId ?? "";
        if (request is AddPanelMemberRequest add && !TryMemberId(add.MemberId, out id))
        {
            errors["memberId"] = ["Enter the member's Entra object id, a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301"];
        }

        var name = Text(request.Name, "name", "Enter the member's name", errors);
        var organisation = Text(request.Organisation, "organisation", "Enter the member's organisation", errors);
        var post = Text(request.Post, "post", "Enter the member's post", errors);
        var email = Email(request.Email, recipients, errors);
        if (!WireNames.TryParse<MemberAttendance>(request.Attendance, out var attendance))
        {
            errors["attendance"] = [$"Select how the member attends: one of {string.Join(", ", WireNames.All<MemberAttendance>())}"];
        }

        var seat = PanelSeat.Member;
        if (request.Seat is not null && !WireNames.TryParse(request.Seat, out seat))
        {
            errors["seat"] = [$"Select the member's seat: one of {string.Join(", ", WireNames.All<PanelSeat>())}"];
        }

        var from = EffectiveFrom(request.EffectiveFrom, errors);
        ThrowIfAny(errors);
        return (new PanelMember(id, name, organisation, post, email, attendance, seat, request.SeniorRepresentative ?? false), from);
    }

    /// <exception cref="ValidationFailedException">The organisation is missing or wrong, or the date is not a date.</exception>
    public static (string Organisation, DateOnly? EffectiveFrom) Parse(ChangeChairOrganisationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var organisation = Text(request.Organisation, "organisation", "Enter the organisation the chair comes from", errors);
        var from = EffectiveFrom(request.EffectiveFrom, errors);
        ThrowIfAny(errors);
        return (organisation, from);
    }

    /// <exception cref="ValidationFailedException">Not a date written YYYY-MM-DD.</exception>
    public static DateOnly? Date(string? text, string field)
    {
        var errors = new Dictionary<string, string[]>();
        var date = Date(text, field, errors);
        ThrowIfAny(errors);
        return date;
    }

    private static DateOnly? EffectiveFrom(string? text, Dictionary<string, string[]> errors) => Date(text, "effectiveFrom", errors);

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < DateOnly.MaxValue)
        {
            return date;
        }

        errors[field] = ["Enter a date written YYYY-MM-DD"];
        return null;
    }

    private static string Text(string? text, string field, string missing, Dictionary<string, string[]> errors)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            errors[field] = [missing];
        }
        else if (value.Length > MaxTextLength)
        {
            errors[field] = [$"Use {MaxTextLength} characters or fewer"];
        }
        else if (!IsPlainText(value))
        {
            errors[field] = ["Use plain text, without control or formatting characters"];
        }

        return value;
    }

    private static string Email(string? text, SecureMailDomains recipients, Dictionary<string, string[]> errors)
    {
        var email = text?.Trim() ?? "";
        if (email.Length == 0)
        {
            errors["email"] = ["Enter the member's email address"];
        }
        else if (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email
                 || !Ports.Mail.MailAddress.IsPlain(email) || !email.Contains('.', StringComparison.Ordinal))
        {
            errors["email"] = ["Enter an email address in the correct format, like name@example.gov.uk"];
        }
        else if (!recipients.Allows(email))
        {
            errors["email"] = [SecureAddressRule];
        }

        return email;
    }

    // No control (Cc), format (Cf: bidirectional overrides, zero-width) or line/paragraph separators, no lone surrogates:
    // these values are shown on pages, in e-mails to the panel and in minutes.
    private static bool IsPlainText(string value)
    {
        var remaining = value.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || System.Text.Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            remaining = remaining[consumed..];
        }

        return true;
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
