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
    public async Task A_purpose_the_caller_states_is_recorded_in_the_audit_log_instead_of_the_declared_one()
    {
        var (id, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var read = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{id}", Roles.Coordinator);
        read.Headers.Add("X-IOM-Purpose", "Preparing the January IOM panel");

        (await host.Client.SendAsync(read, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var records = await host.Services.GetRequiredService<AuditTrail>().ReadAsync(person, Ct);
        records[0].Purpose.ShouldStartWith("Referral intake");
        records[1].Purpose.ShouldBe("Preparing the January IOM panel");
    }

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
