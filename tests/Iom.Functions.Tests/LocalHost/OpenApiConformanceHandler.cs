using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>
/// Fails the request (and so the test) when the app's response does not conform to its OpenAPI description
/// (<see cref="OpenApiConformance"/>). Installed in the test host's client, so every response a test sees is checked
/// and the description cannot drift from the code.
/// </summary>
public sealed class OpenApiConformanceHandler(OpenApiConformance conformance) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.ToString();
        var json = contentType is not null && (contentType.Contains("/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
        // Only a JSON body is read here (buffered, so the test can still read it); anything else may be a stream.
        var body = json ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        // From the text sent: a test may send a path uncanonicalised on purpose, which the Uri then cannot give back.
        var path = PathString.FromUriComponent(new Uri(request.RequestUri!.OriginalString, UriKind.Absolute));
        var mismatch = conformance.Mismatch(request.Method.Method, path, (int)response.StatusCode, contentType, body);
        if (mismatch is not null)
        {
            response.Dispose();
            throw new OpenApiMismatchException(mismatch);
        }

        return response;
    }
}
