namespace Iom.Functions.Http;

/// <summary>
/// What sits in front of the app and vouches for X-MS-CLIENT-PRINCIPAL. The header is only an identity when something
/// the app trusts set it: App Service Authentication in Azure (which does not let external requests set it), or the
/// local host's development identity on a developer's machine. Without such a front end the header is a claim anyone
/// can type, so every non-anonymous request is refused.
/// </summary>
public interface IAuthenticationFrontEnd
{
    /// <summary>Null when the front end enforces sign-in; otherwise why identity cannot be trusted (no secrets).</summary>
    string? NotEnforcedReason { get; }

    /// <summary>Where a person in a browser without a session is sent to sign in, to come back to <paramref name="returnPath"/>.</summary>
    string SignInUrl(string returnPath);
}
