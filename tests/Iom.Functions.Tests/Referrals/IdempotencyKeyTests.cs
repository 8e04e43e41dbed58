using System.Net;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// <c>POST /api/referrals</c> with an Idempotency-Key: a retry gets the first answer and stores nothing new; the key
/// with another body is refused (422); a retry while the first is still being processed is told to wait (409 +
/// Retry-After); a malformed key is refused (400) before anything is stored.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_key_and_body_is_answered_as_the_first_was_and_stores_one_referral()
    {
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: []);
        var body = ReferralApiTests.ValidReferral("Idris", "Pemberton", "1990-05-06", pnc: null);

        var first = await PostAsync(host, body, "7f0b3c9e-first");
        var retry = await PostAsync(host, body, "7f0b3c9e-first");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await retry.Content.ReadAsStringAsync(Ct)).ShouldBe(await first.Content.ReadAsStringAsync(Ct));
        (await ReferralCountAsync(host)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_and_stores_nothing_new()
    {
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: []);
        (await PostAsync(host, ReferralApiTests.ValidReferral("Idris", "Pemberton", "1990-05-06", pnc: null), "reused")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var reused = await PostAsync(host, ReferralApiTests.ValidReferral("Jolene", "Pemberton", "1991-05-06", pnc: null), "reused");

        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        reused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(await reused.Content.ReadAsStringAsync(Ct))!["type"]!.GetValue<string>().ShouldBe("urn:iom:problem:idempotency-key-reused");
        (await ReferralCountAsync(host)).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_is_the_callers_own_so_another_caller_using_the_same_key_makes_their_own_referral()
    {
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: []);

        var mine = await PostAsync(host, ReferralApiTests.ValidReferral("Idris", "Pemberton", "1990-05-06", pnc: null), "shared-key");
        var theirs = await PostAsync(host, ReferralApiTests.ValidReferral("Kemi", "Pemberton", "1992-05-06", pnc: null), "shared-key", email: "other@probation.example", agency: "probation");

        mine.StatusCode.ShouldBe(HttpStatusCode.Created);
        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        theirs.Headers.Location.ShouldNotBe(mine.Headers.Location);
        (await ReferralCountAsync(host)).ShouldBe(2);
    }

    [Fact]
    public async Task A_retry_while_the_first_is_still_being_processed_is_told_to_wait_and_then_gets_the_first_answer()
    {
        var gate = new StalledCommit();
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: [], overrideServices: services =>
        {
            var store = services.Last(d => d.ServiceType == typeof(IDocumentStore));
            services.AddSingleton<IDocumentStore>(sp => gate.Around(
                (IDocumentStore)(store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!))));
        });
        var body = ReferralApiTests.ValidReferral("Lowri", "Pemberton", "1993-05-06", pnc: null);

        var firstTask = PostAsync(host, body, "slow");
        await gate.Reached.Task.WaitAsync(Ct);
        var meanwhile = await PostAsync(host, body, "slow");
        gate.Release.SetResult();
        var first = await firstTask;
        var after = await PostAsync(host, body, "slow");

        meanwhile.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonNode.Parse(await meanwhile.Content.ReadAsStringAsync(Ct))!["type"]!.GetValue<string>().ShouldBe("urn:iom:problem:idempotency-key-in-flight");
        meanwhile.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThan(0);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        after.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await after.Content.ReadAsStringAsync(Ct)).ShouldBe(await first.Content.ReadAsStringAsync(Ct));
        (await ReferralCountAsync(host)).ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData(null)]
    public async Task A_malformed_key_is_refused_with_400_naming_the_header_and_nothing_is_stored(string? key)
    {
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: []);

        var response = await PostAsync(host, ReferralApiTests.ValidReferral("Idris", "Pemberton", "1990-05-06", pnc: null), key ?? new string('k', 256));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        problem["type"]!.GetValue<string>().ShouldBe("urn:iom:problem:validation");
        problem["errors"]!["Idempotency-Key"].ShouldNotBeNull();
        (await ReferralCountAsync(host)).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostAsync(RunningLocalHost host, JsonObject body, string key, string email = "test@police.example", string agency = "police")
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer, agency, email);
        request.Content = RunningLocalHost.Json(body.ToJsonString());
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key).ShouldBeTrue();
        return await host.Client.SendAsync(request, Ct);
    }

    private static async Task<int> ReferralCountAsync(RunningLocalHost host)
    {
        var count = 0;
        await foreach (var _ in host.Services.GetRequiredService<IDocumentStore>().ReadKindAsync<Iom.Domain.Referrals.Referral>(Containers.People, Ct))
        {
            count++;
        }

        return count;
    }
}
