namespace Iom.Functions.Http;

public sealed class UnsupportedContentTypeException(string expected) : Exception($"Expected {expected}.")
{
    public string Expected { get; } = expected;
}
