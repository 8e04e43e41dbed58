namespace Iom.Functions.Http;

/// <summary>
/// The function is called by a system, not a signed-in person: it admits a request only when <see cref="Signer"/> (an
/// <see cref="IRequestSignature"/>, registered as a service) finds it signed by that caller, checked by the pipeline
/// before the function runs — over the raw body, which the function then reads with <see cref="RequestBody.Verified"/>.
/// No principal, role or purpose: a kind of policy beside <see cref="AllowRolesAttribute"/> and
/// <see cref="AnonymousAttribute"/>, one per kind of signing caller (SendGrid's event webhook; HMAC-signed prison
/// systems next). Platform sign-in cannot be asked of such callers, so the route is excluded from it (infra/main.bicep).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SignedByAttribute(Type signer) : Attribute
{
    public Type Signer { get; } = signer;

    /// <summary>The largest body the caller may send (the signature covers it all, so it is read whole before the check).</summary>
    public long MaxBodyBytes { get; init; } = RequestBody.MaxBytes;
}
