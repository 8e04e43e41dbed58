using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Iom.Functions.Http;

/// <summary>
/// Which HTTP functions' routes match a path, whatever the method: the catalog's route templates, matched by ASP.NET
/// Core's own template matcher and inline constraints (the ones the Functions host and the local host route with).
/// The catch-all itself (<see cref="FallbackFunction"/>) is left out: it matches everything.
/// </summary>
public sealed class FunctionRoutes
{
    private readonly IReadOnlyList<Route> routes;

    public FunctionRoutes(FunctionCatalog catalog, IInlineConstraintResolver constraintResolver)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(constraintResolver);
        routes = catalog.Http
            .Where(f => f.Name != FallbackFunction.Name)
            .Select(f => Route.Of(f, constraintResolver))
            .ToList();
    }

    /// <param name="path">The request's path, route prefix included (e.g. <c>/api/referrals/7</c>).</param>
    /// <returns>The functions whose route matches, in catalog order; empty when none does.</returns>
    public IReadOnlyList<HttpFunction> Matching(PathString path, HttpContext? http = null)
    {
        if (!path.StartsWithSegments("/" + FunctionCatalog.RoutePrefix, StringComparison.OrdinalIgnoreCase, out var remaining))
        {
            return [];
        }

        return routes.Where(r => r.Matches(remaining, http)).Select(r => r.Function).ToList();
    }

    private sealed record Route(HttpFunction Function, TemplateMatcher Matcher, IReadOnlyList<(string Parameter, IRouteConstraint Constraint)> Constraints)
    {
        public static Route Of(HttpFunction function, IInlineConstraintResolver resolver)
        {
            var pattern = RoutePatternFactory.Parse(function.Route);
            var constraints = pattern.ParameterPolicies
                .SelectMany(p => p.Value.Select(policy => (Parameter: p.Key, Constraint:
                    resolver.ResolveConstraint(policy.Content ?? "")
                    ?? throw new InvalidOperationException($"{function.Name}: the route constraint '{policy.Content}' is not one ASP.NET Core knows."))))
                .ToList();
            return new Route(function, new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)), constraints);
        }

        public bool Matches(PathString path, HttpContext? http)
        {
            var values = new RouteValueDictionary();
            // A constraint applies to a value that is there: an optional parameter left out passes, as in routing.
            return Matcher.TryMatch(path, values)
                && Constraints.All(c => !values.ContainsKey(c.Parameter)
                    || c.Constraint.Match(http, null, c.Parameter, values, RouteDirection.IncomingRequest));
        }
    }
}
