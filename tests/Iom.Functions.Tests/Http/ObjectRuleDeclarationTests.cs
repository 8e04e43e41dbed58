using System.Net;
using System.Text.RegularExpressions;
using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Functions.Http;
using Iom.Functions.Tests.LocalHost;
using Iom.LocalHost;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// Object-level access is declared beside each endpoint's roles and enforced by the pipeline: these tests fail when
/// an endpoint that names an object has no rule, when a rule leaves an admitted role out, or when a function declares a
/// rule and answers without applying it.
/// </summary>
public sealed partial class ObjectRuleDeclarationTests
{
    /// <summary>
    /// Signed-in endpoints that reach no existing object: they create one for the caller, or show a blank form; or, for
    /// OpenLink, check a link's signature and send the reader on to the document, whose own rule decides; or, for the
    /// release form's confirmation, say back the notification id in its address and read nothing.
    /// </summary>
    private static readonly string[] ReachNoObject =
        ["SubmitReferral", "SubmitReferralForm", "ReferralForm", "OpenLink", "PrisonReleaseForm", "SubmitPrisonReleaseForm", "PrisonReleaseConfirmation",
                // An analyst's upload names people by PNC ID only to store what is about them; it reads nothing back.
                "UploadOffendingRecords",
                // The partnership's aggregate rollups: no person's, agency's or panel's object (the role decides the view).
                "PerformanceDashboard",
                // The configured ward list: the same for every caller.
                "ListWards"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"\{(?!\*)[^}]+\}")]
    private static partial Regex ObjectParameter();

    [Fact]
    public void Every_endpoint_whose_route_names_an_object_declares_an_object_rule()
    {
        FunctionCatalog.ForApp().Http
            .Where(f => ObjectParameter().IsMatch(f.Route) && f.Policy?.Objects is null)
            .Select(f => f.Name)
            .ShouldBeEmpty();
    }

    [Fact]
    public void Only_endpoints_that_reach_no_existing_object_go_without_an_object_rule()
    {
        FunctionCatalog.ForApp().Http
            // A signed caller's endpoint (a provider's webhook) has no person to reach objects for.
            .Where(f => f.Policy is { Anonymous: false, Signer: null, Objects: null })
            .Select(f => f.Name)
            .ShouldBe(ReachNoObject, ignoreOrder: true);
    }

    [Fact]
    public async Task Every_declared_object_rule_is_registered_and_has_a_clause_for_every_role_its_endpoint_admits()
    {
        await using var host = await RunningLocalHost.StartAsync();
        EndpointPolicyCheck.Faults(FunctionCatalog.ForApp(), host.Services).ShouldBeEmpty();
    }

    [Fact]
    public void An_object_rule_that_is_not_one_leaves_the_endpoint_without_a_policy_and_the_host_refuses_to_start()
    {
        var method = typeof(MisdeclaredObjectRuleFunction).GetMethod(nameof(MisdeclaredObjectRuleFunction.Run))!;
        EndpointPolicy.Of(method).ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => LocalHostApp.Build(["--Urls=http://127.0.0.1:0"], [typeof(MisdeclaredObjectRuleFunction)]))
              .Message.ShouldContain("MisdeclaredObjectRule");
    }

    [Fact]
    public async Task A_function_that_declares_an_object_rule_and_answers_without_applying_it_fails_closed()
    {
        await using var host = await RunningLocalHost.StartAsync();
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/probe/panels/iom", Roles.Coordinator), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("urn:iom:problem:unexpected");
        body.ShouldNotContain("\"panel\"");
    }

    [Fact]
    public async Task A_function_that_reaches_an_object_without_declaring_a_rule_fails_closed()
    {
        await using var host = await RunningLocalHost.StartAsync();
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/probe/unruled", Roles.Coordinator), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public void The_rules_the_endpoints_declare_are_the_applications_rules()
    {
        FunctionCatalog.ForApp().Http.Select(f => f.Policy?.Objects).OfType<Type>().Distinct()
            .ShouldAllBe(t => ObjectRules.All.Contains(t));
    }
}
