namespace Iom.Functions.Http.OpenApi;

/// <summary>
/// The request body the function reads: a request record as JSON (<c>RequestBody.ReadJsonAsync&lt;T&gt;</c>), or a form
/// (<see cref="ContentType"/> application/x-www-form-urlencoded). Reading one also brings the body's refusals
/// (400, 408, 413, 415) into the description.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AcceptsAttribute : Attribute
{
    public AcceptsAttribute(Type body)
    {
        Body = body;
        ContentType = "application/json";
    }

    public AcceptsAttribute(string contentType) => ContentType = contentType;

    public Type? Body { get; }

    public string ContentType { get; }
}
