namespace Iom.Functions.Http;

public sealed class RequestBodyTooLargeException(long limit) : Exception($"The request body is over {limit} bytes.")
{
    public long Limit { get; } = limit;
}
