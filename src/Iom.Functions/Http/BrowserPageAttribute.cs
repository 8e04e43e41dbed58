namespace Iom.Functions.Http;

/// <summary>
/// The function is a page people open in a browser (the referral form, its confirmation). A browser navigation that
/// arrives without a signed-in principal is sent to sign in and brought back (303 to the front end's sign-in URL)
/// instead of getting a bare 401; any other caller still gets 401. The route is also excluded from App Service
/// Authentication's own 401 (infra/main.bicep) so that the app can answer with that redirect.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserPageAttribute : Attribute;
