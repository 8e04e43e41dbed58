namespace Iom.Functions.Http;

/// <summary>
/// The function admits request bodies up to <see cref="Bytes"/> instead of the app's <see cref="RequestBody.MaxBytes"/>
/// (an upload of a file), beside its <see cref="AllowRolesAttribute"/>. The pipeline answers 413 above it, from the
/// Content-Length before the function runs and while the function streams a body sent without one. A function that
/// declares a large limit reads the body as a stream (<see cref="RequestBody.OpenStream"/>), never whole.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MaxBodyAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}
