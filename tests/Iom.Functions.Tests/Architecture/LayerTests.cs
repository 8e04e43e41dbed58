using System.Reflection;
using Iom.Functions.Http;
using Iom.Functions.Tests.Infrastructure;
using NetArchTest.Rules;

namespace Iom.Functions.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md, checked on the compiled assemblies: a reference that crosses a layer fails here
/// instead of waiting for a review.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Iom.Domain.DomainAssembly).Assembly;
    private static readonly Assembly Application = typeof(Iom.Application.Audit.AuditTrail).Assembly;
    private static readonly Assembly Functions = typeof(FunctionCatalog).Assembly;

    // Every adapter the function app is composed of, so a new one is covered the day it is added.
    private static readonly Assembly[] Adapters = Functions.GetReferencedAssemblies()
        .Where(a => a.Name!.StartsWith("Iom.Adapters.", StringComparison.Ordinal))
        .Select(Assembly.Load)
        .ToArray();

    // What talks to storage, mail, secrets or a broker: only adapters may.
    private static readonly string[] StorageAndServiceSdks =
        ["Microsoft.Azure.Cosmos", "Azure.Storage", "Azure.Messaging", "Azure.Security", "Microsoft.Data.Sqlite", "SendGrid", "Iom.Adapters"];

    /// <summary>
    /// The domain is plain C#: the base class library, plus two pure calculation libraries chosen over hand-written
    /// rules (PublicHoliday for bank-holiday rules, Cronos for recurrence). Neither does I/O; any other package fails.
    /// </summary>
    [Fact]
    public void The_domain_depends_on_nothing_but_the_base_class_library_and_its_two_calculation_libraries()
    {
        // Assembly references are the whole truth about what the domain can call; the type check names the culprit.
        Domain.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n is not ("netstandard" or "PublicHoliday" or "Cronos"))
            .ShouldBeEmpty();
        Failures(Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny("Microsoft", "Azure", "Iom.Application", "Iom.Adapters", "Iom.Functions").GetResult()).ShouldBeEmpty();
    }

    [Fact]
    public void The_application_layer_uses_no_azure_sdk_no_aspnet_core_and_no_adapter()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny(["Azure", "Microsoft.Azure", "Microsoft.AspNetCore", .. StorageAndServiceSdks, "Iom.Functions"]).GetResult();

        Failures(result).ShouldBeEmpty();
        // The type check sees only what types use; the references also catch a package pulled in and not yet used.
        Application.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Azure", StringComparison.Ordinal) || n.StartsWith("Microsoft.Azure", StringComparison.Ordinal)
                || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || (n.StartsWith("Iom.", StringComparison.Ordinal) && n != "Iom.Domain"))
            .ShouldBeEmpty();
    }

    [Fact]
    public void No_adapter_references_another_adapter_or_the_function_app()
    {
        Adapters.Length.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var adapter in Adapters)
        {
            var own = adapter.GetName().Name!;
            var others = Adapters.Select(a => a.GetName().Name!).Where(n => n != own).Append("Iom.Functions").ToArray();

            Failures(Types.InAssembly(adapter).ShouldNot().HaveDependencyOnAny(others).GetResult()).ShouldBeEmpty(own);
            adapter.GetReferencedAssemblies().Select(a => a.Name!).Intersect(others).ShouldBeEmpty(own);
        }
    }

    [Fact]
    public void Function_classes_reach_storage_and_services_only_through_ports()
    {
        var functionTypes = FunctionCatalog.ForApp().Http.Select(f => f.Method.DeclaringType!)
            .Concat(FunctionCatalog.ForApp().Queues.Select(f => f.Method.DeclaringType!))
            .Concat(FunctionCatalog.ForApp().Timers.Select(f => f.Method.DeclaringType!))
            .Distinct().ToList();

        var result = Types.InAssembly(Functions).That().HaveNameMatching($"^({string.Join('|', functionTypes.Select(t => t.Name))})$")
            .ShouldNot().HaveDependencyOnAny(StorageAndServiceSdks).GetResult();

        functionTypes.Count.ShouldBeGreaterThan(5);
        Failures(result).ShouldBeEmpty();
    }

    /// <summary>
    /// The local host trusts a development identity and writes to local files: nothing that is deployed may reach it,
    /// by a project reference or by a type.
    /// </summary>
    [Fact]
    public void Nothing_deployed_references_the_local_host()
    {
        Assembly[] deployed = [Domain, Application, Functions, .. Adapters];
        foreach (var assembly in deployed)
        {
            var name = assembly.GetName().Name!;
            assembly.GetReferencedAssemblies().Select(a => a.Name!).ShouldNotContain("Iom.LocalHost", name);
            Failures(Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("Iom.LocalHost").GetResult()).ShouldBeEmpty(name);
        }

        var referrers = SourceProjects()
            .Where(p => Path.GetFileNameWithoutExtension(p) != "Iom.LocalHost")
            .Where(p => File.ReadAllText(p).Contains("Iom.LocalHost.csproj", StringComparison.Ordinal))
            .ToList();
        referrers.ShouldBeEmpty();
    }

    /// <summary>
    /// Every project under src/ is one of the layers the tests above check, so a new project (an adapter the function app
    /// does not reference, say) cannot escape them.
    /// </summary>
    [Fact]
    public void Every_project_under_src_is_a_layer_these_tests_check()
    {
        string[] checkedLayers = ["Iom.Domain", "Iom.Application", "Iom.Functions", "Iom.LocalHost", .. Adapters.Select(a => a.GetName().Name!)];

        var projects = SourceProjects().Select(Path.GetFileNameWithoutExtension).ToList();

        projects.Count.ShouldBeGreaterThanOrEqualTo(12);
        projects.Where(p => !checkedLayers.Contains(p)).ShouldBeEmpty();
    }

    private static IEnumerable<string> SourceProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot.Find(), "src"), "*.csproj", SearchOption.AllDirectories)
            // The Functions SDK generates a WorkerExtensions project under obj/; it is not ours.
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal));

    private static IEnumerable<string> Failures(NetArchTest.Rules.TestResult result) => result.IsSuccessful ? [] : result.FailingTypeNames ?? ["(unnamed)"];
}
