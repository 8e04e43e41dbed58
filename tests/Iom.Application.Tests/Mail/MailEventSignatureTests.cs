using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Application.Mail;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Mail;

/// <summary>
/// SendGrid's own signed sample (Fixtures/sendgrid_webhook_vectors.json, a copy of shared/data's, from sendgrid-csharp's tests) and its
/// negative cases, with the clock set to its timestamp; then the time window.
/// </summary>
public sealed class MailEventSignatureTests
{
    private static readonly JsonElement Vectors = LoadVectors();

    private static JsonElement LoadVectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sendgrid_webhook_vectors.json")));
        return document.RootElement.Clone();
    }

    private static string Vector(string name) => Vectors.GetProperty("vector").GetProperty(name).GetString()!;

    private static string Negative(string @case, string field) =>
        Vectors.GetProperty("expected").EnumerateArray().Single(e => e.GetProperty("case").GetString() == @case).GetProperty(field).GetString()!;

    private static byte[] Payload => Convert.FromBase64String(Vector("payload_base64"));

    private static DateTimeOffset SignedAt => DateTimeOffset.FromUnixTimeSeconds(long.Parse(Vector("timestamp"), System.Globalization.CultureInfo.InvariantCulture));

    private static MailEventSignature Verifier(string? key, DateTimeOffset now) =>
        new(Options.Create(new MailEventOptions { EventWebhookPublicKey = key }), new FakeTimeProvider(now));

    [Fact]
    public void SendGrids_own_signed_sample_verifies_with_the_clock_at_its_timestamp()
    {
        Verifier(Vector("public_key"), SignedAt).Refusal(Vector("signature"), Vector("timestamp"), Payload).ShouldBeNull();
    }

    [Fact]
    public void SendGrids_negative_cases_are_refused()
    {
        var verifier = Verifier(Vector("public_key"), SignedAt);

        Verifier(Negative("bad key", "public_key"), SignedAt).Refusal(Vector("signature"), Vector("timestamp"), Payload).ShouldNotBeNull();
        verifier.Refusal(Vector("signature"), Vector("timestamp"), Encoding.UTF8.GetBytes(Negative("bad payload", "payload"))).ShouldNotBeNull();
        verifier.Refusal(Negative("bad signature", "signature"), Vector("timestamp"), Payload).ShouldNotBeNull();
        verifier.Refusal(Vector("signature"), Negative("bad timestamp", "timestamp"), Payload).ShouldNotBeNull();
    }

    [Fact]
    public void The_body_must_be_the_bytes_as_signed_not_a_reserialisation_or_another_line_ending()
    {
        var verifier = Verifier(Vector("public_key"), SignedAt);
        var text = Encoding.UTF8.GetString(Payload);

        verifier.Refusal(Vector("signature"), Vector("timestamp"), Encoding.UTF8.GetBytes(text.TrimEnd('\r', '\n'))).ShouldNotBeNull();
        verifier.Refusal(Vector("signature"), Vector("timestamp"), Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal))).ShouldNotBeNull();
        verifier.Refusal(Vector("signature"), Vector("timestamp"), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(text).RootElement) + "\r\n")).ShouldNotBeNull();
        // The IEEE P1363 form of the same signature is not what SendGrid sends.
        verifier.Refusal(Vector("signature_ieee_p1363_base64"), Vector("timestamp"), Payload).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void A_timestamp_more_than_five_minutes_from_the_clock_is_refused(int secondsFromSigning, bool accepted)
    {
        var verifier = Verifier(Vector("public_key"), SignedAt.AddSeconds(secondsFromSigning));

        (verifier.Refusal(Vector("signature"), Vector("timestamp"), Payload) is null).ShouldBe(accepted);
    }

    [Theory]
    [InlineData(null, "1600112502")]
    [InlineData("", "1600112502")]
    [InlineData("sig", null)]
    [InlineData("not base64!", "1600112502")]
    [InlineData("MEUCIGHQ", "1600112502")]
    [InlineData("sig", "+1600112502")]
    [InlineData("sig", " 1600112502")]
    [InlineData("sig", "1600112502.0")]
    [InlineData("sig", "99999999999999999999")]
    public void A_missing_or_malformed_signature_or_timestamp_is_refused(string? signature, string? timestamp)
    {
        var verifier = Verifier(Vector("public_key"), SignedAt);

        verifier.Refusal(signature == "sig" ? Vector("signature") : signature, timestamp, Payload).ShouldNotBeNull();
    }

    [Fact]
    public void Without_a_key_everything_is_refused_and_it_says_why()
    {
        var verifier = Verifier(null, SignedAt);

        verifier.NotConfiguredReason.ShouldNotBeNull();
        verifier.Refusal(Vector("signature"), Vector("timestamp"), Payload).ShouldBe(verifier.NotConfiguredReason);
    }

    [Fact]
    public void A_malformed_key_fails_validation_and_a_p256_key_passes()
    {
        var validator = new MailEventOptionsValidator();
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        validator.Validate(null, new MailEventOptions { EventWebhookPublicKey = Vector("public_key") }).Succeeded.ShouldBeTrue();
        validator.Validate(null, new MailEventOptions()).Succeeded.ShouldBeTrue();
        foreach (var bad in new[] { "not base64!", "AAAA", Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo()), Vector("public_key") + "AAAA" })
        {
            validator.Validate(null, new MailEventOptions { EventWebhookPublicKey = bad }).Failed.ShouldBeTrue(bad);
        }
    }
}
