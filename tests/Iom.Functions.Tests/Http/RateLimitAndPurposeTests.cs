using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Referrals;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Http;

public sealed class RateLimitAndPurposeTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--RateLimits:PermitsPerMinute=3"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private Task<HttpResponseMessage> SubmitEmpty(string email)
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer, "police", email);
        request.Content = RunningLocalHost.Json("{}");
        return host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_caller_over_the_intake_limit_gets_429_with_retry_after_and_other_callers_are_unaffected()
    {
        for (var i = 0; i < 3; i++)
        {
            (await SubmitEmpty("busy@police.example")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var throttled = await SubmitEmpty("busy@police.example");

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await SubmitEmpty("calm@police.example")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task One_caller_has_one_intake_allowance_shared_by_the_form_and_the_json_intake()
    {
        for (var i = 0; i < 3; i++)
        {
            (await SubmitEmpty("both-doors@police.example")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        // The form is the other door to the same intake: the allowance is already spent.
        var form = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals/new", Roles.Referrer, "police", "both-doors@police.example");
        form.Content = new FormUrlEncodedContent([]);
        var throttled = await host.Client.SendAsync(form, Ct);

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.Contains("Retry-After").ShouldBeTrue();
    }

    [Fact]
    public async Task The_intake_limit_follows_the_object_id_so_a_changed_email_does_not_reset_it()
    {
        async Task<HttpStatusCode> Submit(string email)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = RunningLocalHost.Json("{}") };
            request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode("same-object-id", "Busy", email, "police", [Roles.Referrer]));
            return (await host.Client.SendAsync(request, Ct)).StatusCode;
        }

        for (var i = 0; i < 3; i++)
        {
            (await Submit($"address-{i}@police.example")).ShouldBe(HttpStatusCode.BadRequest);
        }

        (await Submit("yet-another-address@police.example")).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_purpose_the_caller_states_is_recorded_beside_the_declared_one_which_it_never_replaces()
    {
        var (id, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await host.AcknowledgedAsync(person); // its disclosure is records[1]
        var read = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator);
        read.Headers.Add("X-IOM-Purpose", "Preparing the January IOM panel");

        (await host.Client.SendAsync(read, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var records = await host.Services.GetRequiredService<AuditTrail>().ReadAsync(person, Ct);
        records[0].Purpose.ShouldBe(Iom.Application.Referrals.Submit.SubmitReferralHandler.Purpose);
        records[0].StatedPurpose.ShouldBeNull();
        records[2].Purpose.ShouldBe(Iom.Application.Referrals.Read.GetReferralHandler.Purpose);
        records[2].StatedPurpose.ShouldBe("Preparing the January IOM panel");
        (await host.Services.GetRequiredService<AuditTrail>().VerifyAsync(person, Ct)).Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Checking\u0001 the record")] // Cc: a control character
    [InlineData("Panel prep\u202Egnissecorp")] // Cf: right-to-left override
    [InlineData("Panel\u200B prep")] // Cf: zero-width space
    [InlineData("Panel\u2066prep\u2069")] // Cf: bidi isolates
    [InlineData("Panel\u2028prep")] // Zl: line separator
    [InlineData("Panel\u2029prep")] // Zp: paragraph separator
    public async Task A_stated_purpose_with_control_format_or_separator_characters_is_refused_400(string escaped)
    {
        var purpose = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var (id, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await host.AcknowledgedAsync(person);
        using var client = Utf8HeaderClient();
        var request = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator);
        request.Headers.TryAddWithoutValidation("X-IOM-Purpose", purpose);

        var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("X-IOM-Purpose", out _).ShouldBeTrue();
        // The collection and the acknowledgement e-mail's disclosure, and no more.
        (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(person, Ct)).Count.ShouldBe(2, "a refused read is not a consultation");
    }

    [Fact]
    public async Task A_stated_purpose_in_plain_text_of_any_script_is_accepted()
    {
        var (id, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await host.AcknowledgedAsync(person); // its disclosure is records[1]
        using var client = Utf8HeaderClient();
        var request = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator);
        request.Headers.TryAddWithoutValidation("X-IOM-Purpose", "Paratoi panel IOM – Ionawr (Siân)");

        (await client.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(person, Ct))[2].StatedPurpose.ShouldBe("Paratoi panel IOM – Ionawr (Siân)");
    }

    // Sends header values as UTF-8, as a browser or partner system may; the server must judge the characters itself.
    private HttpClient Utf8HeaderClient() =>
        new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 }) { BaseAddress = host.BaseAddress };

    [Fact]
    public async Task A_purpose_with_control_characters_or_too_long_is_refused_400()
    {
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/referrals?panel=iom", Roles.Coordinator);
        request.Headers.TryAddWithoutValidation("X-IOM-Purpose", new string('x', 201));

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("X-IOM-Purpose", out _).ShouldBeTrue();
    }
}
