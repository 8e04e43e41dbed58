using System.Net;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Tests.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Iom.Functions.Tests.OpenApi;

/// <summary>
/// The OpenAPI description is a valid OpenAPI 3.1 document, covers every HTTP function, takes its schemas from the
/// records as System.Text.Json writes them, is served anonymously and cacheably, and the check every test host's
/// client makes against it fails a response it does not describe.
/// </summary>
public sealed class OpenApiDescriptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Text => System.Text.Encoding.UTF8.GetString(OpenApiDescription.ForApp().Json31);

    private static JsonNode Document => JsonNode.Parse(Text)!;

    [Fact]
    public void The_description_reads_back_as_a_valid_OpenAPI_3_1_document()
    {
        var (document, diagnostic) = OpenApiDocument.Parse(Text, "json");

        diagnostic.ShouldNotBeNull();
        diagnostic.Errors.Select(e => e.ToString()).ShouldBeEmpty();
        diagnostic.SpecificationVersion.ShouldBe(OpenApiSpecVersion.OpenApi3_1);
        document.ShouldNotBeNull();
        document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}").ShouldBeEmpty();
        Document["openapi"]!.GetValue<string>().ShouldStartWith("3.1");
    }

    [Fact]
    public void Every_HTTP_function_in_the_catalog_has_an_operation_for_each_of_its_methods()
    {
        var catalog = FunctionCatalog.ForApp();
        var paths = Document["paths"]!.AsObject();

        catalog.Http.Count.ShouldBeGreaterThan(10);
        foreach (var function in catalog.Http)
        {
            foreach (var verb in function.Verbs)
            {
                var operation = paths[OpenApiDescription.PathOf(function)]?[verb.ToLowerInvariant()];
                operation.ShouldNotBeNull($"{function.Name} {verb}");
                operation["operationId"]!.GetValue<string>().ShouldBe(OpenApiDescription.OperationIdOf(function, verb));
            }
        }

        paths.SelectMany(p => p.Value!.AsObject()).Count().ShouldBe(catalog.Http.Sum(f => f.Verbs.Count));
    }

    [Fact]
    public void Each_operation_carries_its_route_constraints_its_roles_and_the_pipelines_refusals()
    {
        var get = Document["paths"]!["/api/referrals/{id}"]!["get"]!;

        var id = get["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "id")!;
        id["in"]!.GetValue<string>().ShouldBe("path");
        id["schema"]!["minLength"]!.GetValue<int>().ShouldBe(32);
        id["schema"]!["maxLength"]!.GetValue<int>().ShouldBe(32);
        get[OpenApiDescription.RolesExtension]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe([Roles.Coordinator, Roles.PanelMember, Roles.Referrer], ignoreOrder: true);
        get["security"]!.AsArray().Single()![OpenApiDescription.SecuritySchemeName].ShouldNotBeNull();
        get["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["200", "400", "401", "403", "404", "413", "500", "503"]);
        get["responses"]!["404"]!["content"]![ProblemResult.ContentType]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Problem");

        var submit = Document["paths"]!["/api/referrals"]!["post"]!;
        submit["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/SubmitReferralRequest");
        submit["responses"]!.AsObject().Select(r => r.Key).ShouldContain("429");
        submit["responses"]!.AsObject().Select(r => r.Key).ShouldContain("415");
        submit["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/SubmitReferralResult");

        var health = Document["paths"]!["/api/health"]!["get"]!;
        health["security"].ShouldBeNull();
        health["responses"]!.AsObject().Select(r => r.Key).ShouldNotContain("401");

        var form = Document["paths"]!["/api/referrals/new"]!["get"]!;
        form["responses"]!["200"]!["content"]!["text/html"].ShouldNotBeNull();
        form["responses"]!["303"].ShouldNotBeNull();
    }

    [Fact]
    public void The_offending_upload_takes_CSV_or_a_JSON_array_and_declares_its_own_50_MiB_limit()
    {
        var upload = Document["paths"]!["/api/offending-records"]!["post"]!;

        var content = upload["requestBody"]!["content"]!.AsObject();
        content.Select(c => c.Key).ShouldBe(["text/csv", "application/json"], ignoreOrder: true);
        content["application/json"]!["schema"].ShouldNotBeNull();
        upload["responses"]!["413"]!["description"]!.GetValue<string>().ShouldContain("50 MiB (52428800 bytes)");
        upload["responses"]!["415"]!["description"]!.GetValue<string>().ShouldContain("text/csv or application/json");
        upload["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/OffendingUploadReport");
        upload["responses"]!["422"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Problem");
        upload["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "acceptValid").ShouldNotBeNull();
        Document["paths"]!["/api/referrals"]!["post"]!["responses"]!["413"]!["description"]!.GetValue<string>().ShouldContain("256 KiB");
    }

    [Fact]
    public void The_offending_upload_declares_its_own_time_budget_and_other_endpoints_do_not()
    {
        var upload = Document["paths"]!["/api/offending-records"]!["post"]!["responses"]!;

        upload["503"]!["description"]!.GetValue<string>().ShouldContain($"this endpoint's own, {Iom.Functions.Offending.OffendingRecordFunctions.UploadBudgetSeconds} s");
        upload["408"]!["description"]!.GetValue<string>().ShouldContain($"allows it {Iom.Functions.Offending.OffendingRecordFunctions.UploadBodyReadSeconds} s");
        var referral = Document["paths"]!["/api/referrals"]!["post"]!["responses"]!;
        referral["503"]!["description"]!.GetValue<string>().ShouldNotContain("endpoint's own");
        referral["408"]!["description"]!.GetValue<string>().ShouldNotContain("allows it");
    }

    [Fact]
    public void Schemas_name_properties_and_enums_as_the_wire_does_and_nullable_values_by_a_type_array()
    {
        var schemas = Document["components"]!["schemas"]!;
        var view = schemas["ReferralView"]!;

        view["properties"]!["referralType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["iom", "asb", "dyo"]);
        view["properties"]!["meetingDate"]!["type"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["string", "null"], ignoreOrder: true);
        view["required"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("reference");
        view["required"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldNotContain("meetingDate");
        // The API refuses members it does not know, and says so.
        schemas["SubmitReferralRequest"]!["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        schemas["SubmitReferralRequest"]!["properties"]!["person"]!["properties"]!["pncId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_description_is_served_to_anyone_at_api_openapi_json_and_can_be_cached()
    {
        await using var host = await RunningLocalHost.StartAsync();

        var response = await host.Client.GetAsync("/api/openapi.json", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(OpenApiDescription.ForApp().Json31);
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await host.Client.SendAsync(again, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public void A_response_whose_body_the_description_does_not_allow_is_a_mismatch()
    {
        var conformance = Conformance();

        conformance.Mismatch("GET", "/api/health", StatusCodes.Status200OK, "application/json", """{"status":"Healthy","checks":{},"reasons":{}}""").ShouldBeNull();
        conformance.Mismatch("GET", "/api/health", StatusCodes.Status200OK, "application/json", """{"status":"Healthy","checks":{}}""")
            .ShouldNotBeNull().ShouldContain("reasons");
        conformance.Mismatch("GET", "/api/health", StatusCodes.Status200OK, "application/json", """{"status":"Healthy","checks":{},"reasons":{},"extra":1}""")
            .ShouldNotBeNull();
        // Nulls are left out when written: a value that may be null is not required, one that may not be is.
        conformance.Mismatch("GET", "/api/audit/verify", StatusCodes.Status200OK, "application/json", """{"personId":"p","records":1,"intact":true,"unkeyedRecords":0}""").ShouldBeNull();
        conformance.Mismatch("GET", "/api/audit/verify", StatusCodes.Status200OK, "application/json", """{"personId":"p","records":"1","intact":true,"unkeyedRecords":0}""").ShouldNotBeNull();
        conformance.Mismatch("GET", "/api/referrals/0123456789abcdef0123456789abcdef", StatusCodes.Status404NotFound, ProblemResult.ContentType, """{"title":"Not found.","status":404}""")
            .ShouldNotBeNull().ShouldContain("type");
    }

    [Fact]
    public void A_status_or_media_type_the_description_does_not_declare_is_a_mismatch()
    {
        var conformance = Conformance();

        conformance.Mismatch("GET", "/api/health", StatusCodes.Status418ImATeapot, ProblemResult.ContentType, """{"type":"urn:iom:problem:x","title":"x","status":418}""")
            .ShouldNotBeNull().ShouldContain("status is not in the description");
        conformance.Mismatch("GET", "/api/referrals/new", StatusCodes.Status200OK, "application/json", "{}")
            .ShouldNotBeNull().ShouldContain("no application/json body");
        // No function takes it: the catch-all's 404 is described, its 200 is not.
        conformance.Mismatch("GET", "/api/nowhere", StatusCodes.Status404NotFound, ProblemResult.ContentType, """{"type":"urn:iom:problem:not-found","title":"Not found.","status":404}""").ShouldBeNull();
        conformance.Mismatch("GET", "/api/nowhere", StatusCodes.Status200OK, "application/json", "{}").ShouldNotBeNull();
    }

    private static OpenApiConformance Conformance() =>
        new(new FunctionRoutes(FunctionCatalog.ForApp(), new Microsoft.AspNetCore.Routing.DefaultInlineConstraintResolver(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Routing.RouteOptions()), new ServiceCollection().BuildServiceProvider())));
}
