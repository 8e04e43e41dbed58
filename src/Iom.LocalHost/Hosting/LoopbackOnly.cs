using System.Net;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Iom.LocalHost.Hosting;

/// <summary>
/// The local host trusts a development identity from any caller that reaches it, so it must only ever be reached from
/// this machine: it answers only requests addressed to a loopback name (a web page elsewhere can point its own name at
/// 127.0.0.1 — DNS rebinding — but cannot make the browser send another Host header), and it stops at start-up if
/// Kestrel ended up listening on anything but loopback, whichever setting (Urls, Kestrel:Endpoints, …) asked for it.
/// </summary>
internal static partial class LoopbackOnly
{
    /// <summary>localhost, 127.0.0.0/8 and [::1], with any port; anything else, or no Host at all, is refused.</summary>
    public static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, out var address)
            && IPAddress.IsLoopback(address)
            && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork || host.StartsWith('[')));

    public static IApplicationBuilder UseLoopbackHostOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsLoopbackName(context.Request.Host.Host))
        {
            await next(context);
            return;
        }

        LogRefusedHost(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Iom.LocalHost"));
        await Problems.Create(StatusCodes.Status400BadRequest, "host-not-loopback", "The local host answers only requests addressed to localhost, 127.0.0.1 or [::1].")
            .ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
    });

    /// <summary>After Kestrel has bound, throws (so the host does not run) if any address it listens on is not loopback.</summary>
    public static void RequireLoopbackAddresses(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var beyond = addresses.Where(a => !IsLoopbackName(new Uri(a.Replace("://+", "://wildcard", StringComparison.Ordinal)
                                                                     .Replace("://*", "://wildcard", StringComparison.Ordinal)).Host))
                              .ToList();
        if (addresses.Count == 0 || beyond.Count > 0)
        {
            throw new InvalidOperationException(
                $"The local host listens on loopback only, and was bound to {string.Join(", ", beyond.DefaultIfEmpty("nothing"))}; it has stopped.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request addressed to a host name other than loopback was refused")]
    private static partial void LogRefusedHost(ILogger logger);
}
