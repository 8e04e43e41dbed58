using System.Dynamic;
using System.Text;
using Iom.Application.Mail;
using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Acknowledge;
using Iom.Functions.Rendering;
using Iom.Functions.Tests.Infrastructure;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// Every template and partial in Templates/ (pages and e-mails) rendered with a hostile string in every value it reads:
/// each HTML one must write it only HTML-encoded, whatever the template's layout (an indented partial call once went
/// out raw); an e-mail's text part writes it as it is, and its subject stays one line.
/// </summary>
public sealed class PageTemplateEncodingTests
{
    /// <summary>Strings that break out of an element, an attribute (double, single or unquoted) or the template language.</summary>
    public static TheoryData<string> Hostile { get; } = new(
        "\"><script>alert(1)</script>",
        "</textarea><img src=x onerror=alert(1)>",
        "A & B <i>\"q\"</i>",
        "'onmouseover='x",
        "x onfocus=alert(1) autofocus",
        "`-alert(1)-`",
        "{{x}}",
        "{{{x}}}",
        "&lt;already&gt; &amp;",
        "</title><script>alert(1)</script>",
        "javascript:alert(1)");

    private static readonly string TemplatesFolder =
        Path.Combine(RepoRoot.Find(), "src", "Iom.Functions", "Templates");

    /// <summary>Hostile values that also try to end a header line and start another.</summary>
    public static TheoryData<string> HostileInHeaders { get; } = new(
        "x\r\nBcc: victim@example.com",
        "x\nContent-Type: text/html",
        "x\rTo: a@example.com",
        "x\u2028Bcc: b@example.com",
        "\"><script>alert(1)</script>\r\n\r\n<b>body</b>");

    [Fact]
    public void Every_template_file_is_one_the_renderer_knows_so_the_encoding_test_covers_it()
    {
        var files = TemplateFiles();

        files.ShouldNotBeEmpty();
        Renderer().TemplateNames.Order(StringComparer.Ordinal).ShouldBe(files);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Every_html_template_and_partial_writes_a_hostile_value_only_html_encoded_in_every_field_it_reads(string hostile)
    {
        var renderer = Renderer();
        var encoded = Encoded(hostile);
        encoded.ShouldNotContain("<");
        encoded.ShouldNotContain("\"");
        encoded.ShouldNotContain("'");

        var html = TemplateFiles().Where(n => !HandlebarsTemplateRenderer.IsText(n)).ToList();
        html.ShouldContain("Pages/Referrals/referral-form");
        html.ShouldContain("Pages/Releases/release-form");
        html.ShouldContain("Pages/Releases/confirmation");
        html.ShouldContain("Mail/Referrals/acknowledgement.html");
        foreach (var name in html)
        {
            var rendered = renderer.RenderTemplate(name, new Everything(hostile));

            rendered.ShouldContain(encoded, customMessage: $"{name} did not write the value encoded");
            if (encoded != hostile)
            {
                rendered.ShouldNotContain(hostile, customMessage: $"{name} wrote the value raw:\n{rendered}");
            }
        }
    }

    [Fact]
    public void Every_email_has_a_subject_a_text_and_an_html_template_and_every_other_template_is_html()
    {
        var renderer = Renderer();
        var mails = renderer.MailNames.Order(StringComparer.Ordinal).ToList();

        mails.ShouldBe([AcknowledgeReferral.AcknowledgementTemplate, AcknowledgeReferral.EmergencyNoticeTemplate, Iom.Application.Panels.Actions.ActionReminders.Template, Iom.Application.Mail.MailDeliveries.FailureTemplate,
            MeetingPapers.AgendaTemplate, MeetingPapers.AddendumTemplate, MeetingPapers.InvitationToAttendTemplate, MeetingPapers.MeetingChangedTemplate,
            MeetingPapers.MinutesTemplate, MeetingPapers.OutcomeTemplate, MeetingPapers.MinutesOverdueTemplate,
            Iom.Application.Releases.Alerts.RaiseReleaseAlert.AlertTemplate, Iom.Application.Releases.Alerts.EscalateReleaseAlerts.EscalationTemplate], ignoreOrder: true);
        TemplateFiles().Where(HandlebarsTemplateRenderer.IsText).ShouldAllBe(n => n.StartsWith("Mail/", StringComparison.Ordinal));
        TemplateFiles().Where(n => n.StartsWith("Mail/", StringComparison.Ordinal)).ShouldBe(
            mails.SelectMany(m => new[] { m + ".html", m + ".subject", m + ".text" }).Append("Mail/_mail-layout"), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    [MemberData(nameof(HostileInHeaders))]
    public void Every_email_writes_a_hostile_value_encoded_in_its_html_part_as_it_is_in_its_text_part_and_on_one_line_in_its_subject(string hostile)
    {
        var renderer = Renderer();

        foreach (var mail in renderer.MailNames)
        {
            var rendered = renderer.RenderMail(mail, new Everything(hostile));

            rendered.Html.ShouldContain(Encoded(hostile), customMessage: $"{mail}: the HTML part did not write the value encoded");
            if (Encoded(hostile) != hostile)
            {
                rendered.Html.ShouldNotContain(hostile, customMessage: $"{mail}: the HTML part wrote the value raw");
            }

            rendered.Text.ShouldContain(hostile, customMessage: $"{mail}: the text part is not HTML and must not encode");
            rendered.Subject.ShouldNotContain('\r');
            rendered.Subject.ShouldNotContain('\n');
            rendered.Subject.ShouldAllBe(c => !char.IsControl(c) && c != '\u2028' && c != '\u2029');
            rendered.Subject.ShouldContain(HandlebarsTemplateRenderer.OneLine(hostile), customMessage: $"{mail}: the subject lost the value");
        }
    }

    [Fact]
    public void The_action_reminder_says_the_panel_due_date_and_link_and_says_overdue_only_once_it_is()
    {
        var model = new Iom.Application.Panels.Actions.ActionReminderModel("IOM Panel", "Tuesday 29 December 2026", null, "https://iom.example/api/actions/iom-2026-11-10-action-1");

        var due = Renderer().RenderMail(Iom.Application.Panels.Actions.ActionReminders.Template, AsQueued(model));
        var overdue = Renderer().RenderMail(Iom.Application.Panels.Actions.ActionReminders.Template, AsQueued(model with { Overdue = "yes" }));

        due.Subject.ShouldBe("Reminder: IOM Panel action due Tuesday 29 December 2026");
        overdue.Subject.ShouldBe("Overdue IOM Panel action due Tuesday 29 December 2026");
        foreach (var part in new[] { due.Text, due.Html, overdue.Text, overdue.Html })
        {
            part.ShouldContain("IOM Panel");
            part.ShouldContain("Tuesday 29 December 2026");
            part.ShouldContain("https://iom.example/api/actions/iom-2026-11-10-action-1");
        }

        due.Text.ShouldContain("is due on Tuesday 29 December 2026");
        overdue.Text.ShouldContain("was due on Tuesday 29 December 2026 and is still open");
    }

    [Fact]
    public void The_acknowledgement_says_the_reference_panel_meeting_and_link_in_both_parts_and_nothing_else_it_was_not_given()
    {
        var model = new ReferralMailModel("IOM-270112-7KQ2", "IOM Panel", "Tuesday 12 January 2027", "https://iom.example/api/referrals/abc/confirmation", "Met Police");

        var mail = Renderer().RenderMail(AcknowledgeReferral.AcknowledgementTemplate, AsQueued(model));

        mail.Subject.ShouldBe("IOM referral IOM-270112-7KQ2 received");
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            part.ShouldContain("IOM-270112-7KQ2");
            part.ShouldContain("IOM Panel");
            part.ShouldContain("It is listed for the meeting on Tuesday 12 January 2027.");
            part.ShouldContain("https://iom.example/api/referrals/abc/confirmation");
            part.ShouldContain("This e-mail holds no personal data.");
        }

        mail.Html.ShouldStartWith("<!DOCTYPE html>");
        mail.Text.ShouldNotContain("<");
        Renderer().RenderMail(AcknowledgeReferral.AcknowledgementTemplate, AsQueued(model with { MeetingDate = null })).Text
            .ShouldContain("No meeting is far enough ahead yet");
    }

    /// <summary>The model as the mail function renders it: a mail request's values, after the outbox and the queue.</summary>
    private static IReadOnlyDictionary<string, string?> AsQueued(object model) =>
        System.Text.Json.JsonSerializer.Deserialize<MailRequest>(
            System.Text.Json.JsonSerializer.Serialize(MailRequest.Of("test", AcknowledgeReferral.AcknowledgementTemplate, model, [], null), DocumentJson.Options),
            DocumentJson.Options)!.Model;

    [Theory]
    [InlineData("{{> input field=f}}")]
    [InlineData("  {{> input field=f}}")]
    [InlineData("\t\t{{> input field=f}}")]
    [InlineData("<div>\n    {{> input field=f}}\n</div>")]
    [InlineData("{{#if f}}\n  {{> input field=f}}\n{{/if}}")]
    [InlineData("  {{~> input field=f}}")]
    public void A_partial_encodes_its_values_however_the_call_is_indented(string page)
    {
        var rendered = RenderAdHoc(page, new Everything("\"><script>alert(1)</script>"));
        rendered.ShouldContain("&quot;&gt;&lt;script&gt;");
        rendered.ShouldNotContain("<script>");
    }

    private static HandlebarsTemplateRenderer Renderer() => new();

    private static string RenderAdHoc(string page, object model) => Renderer().RenderText(page, model);

    private static List<string> TemplateFiles() =>
        Directory.EnumerateFiles(TemplatesFolder, "*.hbs", SearchOption.AllDirectories)
                 .Select(f => Path.GetRelativePath(TemplatesFolder, f).Replace('\\', '/')[..^".hbs".Length])
                 .Order(StringComparer.Ordinal)
                 .ToList();

    /// <summary>What an HTML encoder must turn the value into (Handlebars' own set, which also covers = and `).</summary>
    private static string Encoded(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// A model that answers every name a template reads, at any depth, with itself: written out, it is the hostile
    /// string; tested with #if it is true; iterated with #each it holds one item. So every value a template or partial
    /// writes, now or after an edit, is the hostile string, without the test knowing the template's fields.
    /// </summary>
    private sealed class Everything(string text) : DynamicObject
    {
        public override bool TryGetMember(GetMemberBinder binder, out object? result)
        {
            result = this;
            return true;
        }

        public override IEnumerable<string> GetDynamicMemberNames() => ["item"];

        public override string ToString() => text;
    }

    [Fact]
    public void The_circulation_emails_model_holds_references_dates_panel_names_outcomes_and_links_only()
    {
        // Every field a circulation e-mail's templates can read: adding one that could carry a person's details fails here.
        typeof(CirculationMailModel).GetProperties().Select(p => p.Name).ShouldBe(
            ["Panel", "MeetingDate", "MeetingTime", "Location", "Link", "Reference", "Outcome", "ReasonCode", "DueDate", "Cancelled"], ignoreOrder: true);
    }
}
