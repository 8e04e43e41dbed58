using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// The Functions host in Azure does not route as ASP.NET Core (and so the local host) does: it tries the functions'
/// routes in the order of their names and the first template (with its methods) that matches wins
/// (azure-functions-host #3153 and #9876, azure-functions-dotnet-worker #1855). These tests route a sample path of
/// every function and method under that rule, so no function can shadow another in Azure while every test here passes.
/// </summary>
public sealed class HostRouteOrderTests
{
    // How the host compares names is not documented; the answer must not depend on it.
    private static readonly StringComparer[] NameOrders = [StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase];

    [Fact]
    public void Every_functions_sample_path_reaches_that_function_under_the_functions_hosts_route_order()
    {
        var catalog = FunctionCatalog.ForApp();

        var misrouted = Misrouted(catalog);

        catalog.Http.Count.ShouldBeGreaterThan(10);
        misrouted.ShouldBeEmpty();
    }

    [Fact]
    public void A_literal_route_whose_function_sorts_after_a_parameter_route_is_reported_as_shadowed()
    {
        var catalog = new FunctionCatalog([typeof(ShadowedItems)]);

        var misrouted = Misrouted(catalog);

        misrouted.ShouldContain(m => m.StartsWith("RecentItems GET /api/items/recent went to GetItem", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parameter_route_with_an_id_shape_no_longer_shadows_a_literal_route()
    {
        var catalog = new FunctionCatalog([typeof(ShapedItems)]);

        Misrouted(catalog).ShouldBeEmpty();
    }

    [Fact]
    public void Every_functions_own_sample_path_matches_its_route_so_the_order_check_covers_it()
    {
        var catalog = FunctionCatalog.ForApp();
        var routes = RoutesOf(catalog);

        catalog.Http.Where(f => f.Name != FallbackFunction.Name)
            .Where(f => !routes.Matching(RouteSamples.PathFor(f.Route)).Contains(f))
            .Select(f => $"{f.Name}: its route {f.Route} does not match {RouteSamples.PathFor(f.Route)}; give RouteSamples a value of the parameter's shape")
            .ShouldBeEmpty();
    }

    private static List<string> Misrouted(FunctionCatalog catalog)
    {
        var routes = RoutesOf(catalog);
        var misrouted = new List<string>();
        foreach (var order in NameOrders)
        {
            var inHostOrder = catalog.Http.OrderBy(f => f.Name, order).ToList();
            foreach (var function in catalog.Http.Where(f => f.Name != FallbackFunction.Name))
            {
                var path = RouteSamples.PathFor(function.Route);
                var matching = routes.Matching(path);
                foreach (var verb in function.Verbs)
                {
                    var winner = inHostOrder.FirstOrDefault(f =>
                        (f.AnyMethod || f.Verbs.Contains(verb, StringComparer.OrdinalIgnoreCase))
                        && (f.Name == FallbackFunction.Name || matching.Contains(f)));
                    if (winner != function)
                    {
                        misrouted.Add($"{function.Name} {verb} {path} went to {winner?.Name ?? "no function"}");
                    }
                }
            }
        }

        return misrouted;
    }

    private static FunctionRoutes RoutesOf(FunctionCatalog catalog) =>
        new(catalog, new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>());

    private sealed class ShadowedItems
    {
        [Function("GetItem")]
        public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id}")] HttpRequest request, string id) => new OkResult();

        [Function("RecentItems")]
        public static IActionResult Recent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/recent")] HttpRequest request) => new OkResult();
    }

    private sealed class ShapedItems
    {
        [Function("GetItem")]
        public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id:" + RouteIds.DocumentId + "}")] HttpRequest request, string id) => new OkResult();

        [Function("RecentItems")]
        public static IActionResult Recent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/recent")] HttpRequest request) => new OkResult();
    }
}
