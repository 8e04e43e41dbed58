using Iom.Application.Audit;
using Iom.Application.Identity;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

public static class CallerHttpContextExtensions
{
    private static readonly object Key = new();

    internal static void SetActingAs(this HttpContext http, ActingAs actingAs) => http.Items[Key] = actingAs;

    /// <returns>Null for an anonymous function.</returns>
    internal static ActingAs? ActingAsIfSignedIn(this HttpContext http) => http.Items[Key] as ActingAs;

    /// <summary>Who is calling, in which request, and why: for handlers and their audit records.</summary>
    public static ActingAs ActingAs(this HttpContext http) =>
        http.ActingAsIfSignedIn() ?? throw new InvalidOperationException("This function is anonymous; it has no caller.");

    /// <summary>The authenticated caller; the pipeline has already refused anyone else.</summary>
    public static Caller Caller(this HttpContext http) => http.ActingAs().Caller;
}
