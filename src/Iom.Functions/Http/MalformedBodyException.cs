namespace Iom.Functions.Http;

/// <summary>The body has the right content type but cannot be parsed as one (e.g. a multipart form cut short).</summary>
public sealed class MalformedBodyException(string message, Exception inner) : Exception(message, inner);
