namespace Iom.Functions.Http.OpenApi;

/// <summary>
/// The request body the function reads: a request record as JSON (<c>RequestBody.ReadJsonAsync&lt;T&gt;</c>), or a form
/// (<see cref="ContentType"/> application/x-www-form-urlencoded). Reading one also brings the body's refusals
/// (400, 408, 413, 415) into the description. A function that reads more than one media type (an upload taking CSV or
/// JSON) declares each.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class AcceptsAttribute : Attribute
{
    public AcceptsAttribute(Type body)
    {
        Body = body;
        ContentType = "application/json";
    }

    public AcceptsAttribute(string contentType) => ContentType = contentType;

    /// <summary>A body of <paramref name="contentType"/> whose JSON form is <paramref name="body"/> (or whose rows are, for CSV).</summary>
    public AcceptsAttribute(string contentType, Type body)
    {
        Body = body;
        ContentType = contentType;
    }

    public Type? Body { get; }

    public string ContentType { get; }
}
