using System.Text;
using Iom.Adapters.Local;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>The local mail sender's files, read back with MimeKit (a parser we did not write).</summary>
public sealed class OutboxFolderMailSenderTests : IDisposable
{
    private readonly TempDirectory outbox = new();
    private readonly FakeTimeProvider time = new(Samples.Now);
    private readonly ServiceProvider services;

    public OutboxFolderMailSenderTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:Directory"] = outbox.Path })
            .Build();
        services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddOutboxFolderMailSender(configuration)
            .BuildServiceProvider();
    }

    private IMailSender Sender => services.GetRequiredService<IMailSender>();

    public void Dispose()
    {
        services.Dispose();
        outbox.Dispose();
    }

    [Fact]
    public async Task A_message_with_html_is_an_RFC_5322_file_with_a_text_and_an_html_alternative()
    {
        await Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken);

        var message = await MimeMessage.LoadAsync(outbox.Files().ShouldHaveSingleItem(), TestContext.Current.CancellationToken);
        message.From.Mailboxes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            from => from.Address.ShouldBe("iom@localhost"),
            from => from.Name.ShouldBe("IOM (local)"));
        message.To.Mailboxes.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            to => to.Address.ShouldBe("officer@probation.example.gov.uk"),
            to => to.Name.ShouldBe("Pat Officer"));
        message.Subject.ShouldBe("A referral needs your vote");
        message.Date.ShouldBe(Samples.Now);
        message.MessageId.ShouldBe($"{IdempotentFolderHash("alert-42:officer-7")}@localhost");
        message.Headers[HeaderId.MimeVersion].ShouldBe("1.0");
        var alternative = message.Body.ShouldBeOfType<MultipartAlternative>();
        alternative.Select(part => ((TextPart)part).ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        alternative.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").ShouldBe("Referral REF-1234 needs your vote.\nSign in to read it.");
        alternative.HtmlBody.ShouldBe("<p>Sign in to read it.</p>");
    }

    [Fact]
    public async Task An_invitation_attached_to_a_message_is_written_as_a_calendar_part_beside_the_text_and_html_alternative()
    {
        const string ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
        var invitation = new MailAttachment("invitation.ics", "text/calendar; method=REQUEST; charset=utf-8", Convert.ToBase64String(Encoding.UTF8.GetBytes(ics)));

        await Sender.SendAsync(Samples.Mail() with { Attachments = [invitation] }, TestContext.Current.CancellationToken);

        var message = await MimeMessage.LoadAsync(outbox.Files().ShouldHaveSingleItem(), TestContext.Current.CancellationToken);
        var mixed = message.Body.ShouldBeOfType<Multipart>();
        mixed.ContentType.MediaSubtype.ShouldBe("mixed");
        mixed[0].ShouldBeOfType<MultipartAlternative>().HtmlBody.ShouldBe("<p>Sign in to read it.</p>");
        var file = mixed[1].ShouldBeAssignableTo<MimePart>()!;
        file.FileName.ShouldBe("invitation.ics");
        file.ContentType.MimeType.ShouldBe("text/calendar");
        file.ContentType.Parameters["method"].ShouldBe("REQUEST");
        using var content = new MemoryStream();
        await file.Content!.DecodeToAsync(content, TestContext.Current.CancellationToken);
        Encoding.UTF8.GetString(content.ToArray()).ShouldBe(ics);
    }

    [Fact]
    public async Task A_message_queued_before_emails_had_html_is_still_written_as_a_single_text_part()
    {
        await Sender.SendAsync(Samples.Mail(html: null), TestContext.Current.CancellationToken);

        var message = await MimeMessage.LoadAsync(outbox.Files().ShouldHaveSingleItem(), TestContext.Current.CancellationToken);
        var text = message.Body.ShouldBeOfType<TextPart>();
        text.ContentType.MimeType.ShouldBe("text/plain");
        text.ContentType.Charset.ShouldBe("utf-8");
    }

    [Fact]
    public async Task Non_ASCII_subjects_and_names_are_RFC_2047_encoded_and_decode_to_the_original()
    {
        const string subject = "Réunion du panel — vote nécessaire avant jeudi 🗳️, s'il vous plaît, merci beaucoup à tous";
        var mail = Samples.Mail() with
        {
            Subject = subject,
            To = [new MailAddress("zoe@example.gov.uk", "Zoë Ångström"), new MailAddress("b@example.gov.uk", "Smith, Bo \"B\"")],
        };

        await Sender.SendAsync(mail, TestContext.Current.CancellationToken);

        var path = outbox.Files().ShouldHaveSingleItem();
        var raw = await File.ReadAllTextAsync(path, Encoding.ASCII, TestContext.Current.CancellationToken);
        raw.ShouldContain("Subject: =?utf-8?", Case.Insensitive);
        var message = await MimeMessage.LoadAsync(path, TestContext.Current.CancellationToken);
        message.Subject.ShouldBe(subject);
        message.To.Mailboxes.Select(to => (to.Name, to.Address)).ShouldBe([
            ("Zoë Ångström", "zoe@example.gov.uk"),
            ("Smith, Bo \"B\"", "b@example.gov.uk"),
        ]);
    }

    [Fact]
    public async Task Every_line_ends_in_CRLF_and_stays_within_78_characters_even_for_long_unusual_bodies()
    {
        var longLine = string.Concat(Enumerable.Repeat("café = 100% ", 40)) + "trailing spaces   ";
        var body = $"{longLine}\r\nsecond line\rthird\n\n=3D is not an escape here ";
        var longSubject = string.Join(' ', Enumerable.Repeat("Referral", 20));

        await Sender.SendAsync(Samples.Mail() with { Subject = longSubject, TextBody = body, HtmlBody = $"<p>{longLine}</p>" },
            TestContext.Current.CancellationToken);

        var path = outbox.Files().ShouldHaveSingleItem();
        var raw = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        raw.ShouldAllBe(b => b < 128);
        var lines = Encoding.ASCII.GetString(raw).Split("\r\n");
        lines[^1].ShouldBeEmpty();
        lines.ShouldAllBe(line => line.Length <= 78 && !line.Contains('\r') && !line.Contains('\n'));
        var message = await MimeMessage.LoadAsync(path, TestContext.Current.CancellationToken);
        message.Subject.ShouldBe(longSubject);
        message.TextBody.ShouldNotBeNull().ReplaceLineEndings("\n").ShouldBe(body.ReplaceLineEndings("\n"));
        message.HtmlBody.ShouldBe($"<p>{longLine}</p>");
    }

    [Fact]
    public async Task A_line_break_in_a_subject_cannot_add_a_header()
    {
        await Sender.SendAsync(Samples.Mail() with { Subject = "Hello\r\nBcc: someone@example.com" }, TestContext.Current.CancellationToken);

        var path = outbox.Files().ShouldHaveSingleItem();
        (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).ShouldNotContain(line => line.StartsWith("Bcc:", StringComparison.Ordinal));
        (await MimeMessage.LoadAsync(path, TestContext.Current.CancellationToken)).Bcc.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_address_with_a_line_break_is_refused_and_nothing_is_written()
    {
        var mail = Samples.Mail() with { To = [new MailAddress("a@example.com\r\nBcc: b@example.com")] };

        await Should.ThrowAsync<MailDeliveryException>(() => Sender.SendAsync(mail, TestContext.Current.CancellationToken));

        outbox.Files().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_idempotency_key_written_again_later_does_not_create_a_second_file()
    {
        await Sender.SendAsync(Samples.Mail("alert-1:officer-1"), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(5));
        await Sender.SendAsync(Samples.Mail("alert-1:officer-1") with { Subject = "changed" }, TestContext.Current.CancellationToken);
        await Sender.SendAsync(Samples.Mail("alert-1:officer-2"), TestContext.Current.CancellationToken);

        outbox.Files().Length.ShouldBe(2);
        var first = await MimeMessage.LoadAsync(
            outbox.Files().Single(file => file.Contains(IdempotentFolderHash("alert-1:officer-1"), StringComparison.Ordinal)),
            TestContext.Current.CancellationToken);
        first.Subject.ShouldBe("A referral needs your vote");
    }

    [Fact]
    public async Task File_names_are_the_time_then_a_hash_of_the_key_and_no_temporary_file_is_left()
    {
        await Sender.SendAsync(Samples.Mail("alert-9:officer-9"), TestContext.Current.CancellationToken);

        Path.GetFileName(outbox.Files().ShouldHaveSingleItem())
            .ShouldBe($"20261124T101530000Z-{IdempotentFolderHash("alert-9:officer-9")}.eml");
    }

    [Fact]
    public async Task Concurrent_sends_of_one_key_write_one_file()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken)));

        outbox.Files().ShouldHaveSingleItem();
    }

    [Fact]
    public void Start_up_validation_refuses_a_missing_directory()
    {
        using var invalid = new ServiceCollection()
            .AddOutboxFolderMailSender(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => invalid.GetRequiredService<IStartupValidator>().Validate())
            .Message.ShouldContain("Directory");
    }

    /// <summary>The documented naming: the first 128 bits of SHA-256 of the key, in lower-case hex.</summary>
    private static string IdempotentFolderHash(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}
