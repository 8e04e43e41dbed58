using Iom.Application.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// Binds each anti-forgery token to the user App Service Authentication vouches for. ASP.NET Core binds tokens to
/// HttpContext.User, which this app does not use (identity comes from X-MS-CLIENT-PRINCIPAL), so without this a
/// token issued to one account would be accepted from another in the same browser.
/// </summary>
internal sealed class CallerBoundAntiforgery : IAntiforgeryAdditionalDataProvider
{
    public string GetAdditionalData(HttpContext context) => UserIdOf(context);

    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        string.Equals(additionalData, UserIdOf(context), StringComparison.Ordinal);

    private static string UserIdOf(HttpContext context) =>
        ClientPrincipal.TryParse(context.Request.Headers[ClientPrincipal.HeaderName], out _)?.UserId ?? "";
}
