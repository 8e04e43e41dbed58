using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Http;

/// <summary>Identity, problem details and limits, through the real HTTP stack of the local host.</summary>
public sealed class HttpPipelineTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Health_answers_200_without_signing_in()
    {
        var response = await host.Client.GetAsync("/api/health", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_call_without_a_principal_gets_401_problem_details()
    {
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/probe/whoami"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await ProblemOf(response);
        problem.GetProperty("status").GetInt32().ShouldBe(401);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:unauthenticated");
    }

    [Theory]
    [InlineData("not-base64!!")]
    [InlineData("e30=")]
    [InlineData("eyJjbGFpbXMiOiJub3QgYSBsaXN0In0=")] // {"claims":"not a list"}
    public async Task A_malformed_principal_gets_401_problem_details_not_500(string header)
    {
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/probe/whoami");
        request.Headers.TryAddWithoutValidation(ClientPrincipal.HeaderName, header);

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ProblemOf(response)).GetProperty("title").GetString().ShouldBe("You are not signed in.");
    }

    [Fact]
    public async Task A_caller_without_the_declared_role_gets_403_problem_details()
    {
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/probe/whoami", Roles.Analyst), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemOf(response)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:forbidden");
    }

    [Fact]
    public async Task A_caller_with_the_declared_role_reaches_the_function_as_themselves()
    {
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/probe/whoami", Roles.Coordinator, "probation"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("agency").GetString().ShouldBe("probation");
        body.GetProperty("userId").GetString().ShouldBe("user-test@police.example");
    }

    [Fact]
    public async Task A_valid_json_body_and_route_value_reach_the_function()
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/7", Roles.Referrer);
        request.Content = RunningLocalHost.Json("""{"text":"héllo"}""");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/api/probe/echo/7");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("id").GetInt32().ShouldBe(7);
        body.GetProperty("text").GetString().ShouldBe("héllo");
    }

    [Theory]
    [InlineData("""{"text":1}""", "text")]
    [InlineData("""{"text":"a","extra":true}""", "extra")]
    [InlineData("""{"text":""", "$")]
    public async Task A_malformed_json_body_gets_400_with_the_failing_field(string json, string field)
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/1", Roles.Referrer);
        request.Content = RunningLocalHost.Json(json);

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemOf(response);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Invalid_utf8_in_the_body_gets_400_not_500()
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/1", Roles.Referrer);
        request.Content = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'t', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        request.Content.Headers.ContentType = new("application/json");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_nested_too_deeply_gets_400()
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/1", Roles.Referrer);
        request.Content = RunningLocalHost.Json("{\"text\":" + new string('[', 200) + new string(']', 200) + "}");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_of_the_wrong_content_type_gets_415()
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/1", Roles.Referrer);
        request.Content = new StringContent("text=hello", Encoding.UTF8, "text/plain");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await ProblemOf(response)).GetProperty("status").GetInt32().ShouldBe(415);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_256_KiB_gets_413_whether_or_not_its_length_is_declared(bool declareLength)
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/1", Roles.Referrer);
        var json = "{\"text\":\"" + new string('x', 300 * 1024) + "\"}";
        request.Content = declareLength
            ? RunningLocalHost.Json(json)
            : new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(json)));
        request.Content.Headers.ContentType = new("application/json");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemOf(response)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:payload-too-large");
    }

    [Fact]
    public async Task An_unexpected_exception_gets_500_with_a_correlation_id_and_no_internals()
    {
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/probe/throws");
        request.Headers.Add("X-Correlation-Id", "test-corr-123");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync(Ct);
        text.ShouldNotContain("secret internal detail");
        text.ShouldNotContain("Thing.cs");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("correlationId").GetString().ShouldBe("test-corr-123");
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["test-corr-123"]);
    }

    [Fact]
    public async Task A_hostile_correlation_id_is_replaced_rather_than_echoed()
    {
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/health");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>alert(1)</script>");

        var response = await host.Client.SendAsync(request, Ct);

        response.Headers.GetValues("X-Correlation-Id").Single().ShouldNotContain("<");
    }

    /// <summary>Forces chunked transfer: no Content-Length for the server to check up front.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
