namespace Iom.Functions.Tests.LocalHost;

/// <summary>A response that the OpenAPI description does not describe.</summary>
public sealed class OpenApiMismatchException(string message) : Exception(message);
