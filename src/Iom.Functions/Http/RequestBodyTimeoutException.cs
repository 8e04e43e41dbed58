namespace Iom.Functions.Http;

/// <summary>The body did not arrive within <see cref="HttpLimitOptions.BodyReadTimeout"/> of starting to read it.</summary>
public sealed class RequestBodyTimeoutException(TimeSpan limit) : Exception($"The request body did not arrive within {limit}.")
{
    public TimeSpan Limit { get; } = limit;
}
