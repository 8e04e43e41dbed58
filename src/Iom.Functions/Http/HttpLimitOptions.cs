using System.ComponentModel.DataAnnotations;

namespace Iom.Functions.Http;

/// <summary>Configuration section "Http": how long one HTTP request may take, validated at start-up.</summary>
public sealed class HttpLimitOptions : IValidatableObject
{
    public const string SectionName = "Http";

    // Azure's front end drops an HTTP request to a function app after 230 s whatever the function does, so a longer
    // budget would never be reached there.
    private const string Longest = "00:03:50";

    /// <summary>The invocation budget of <paramref name="policy"/>'s function: its own if it declares a longer one.</summary>
    public TimeSpan RequestTimeoutFor(EndpointPolicy? policy) =>
        policy?.RequestTimeout is { } own && own > RequestTimeout ? own : RequestTimeout;

    /// <summary>The body read limit of <paramref name="policy"/>'s function: its own if it declares a longer one.</summary>
    public TimeSpan BodyReadTimeoutFor(EndpointPolicy? policy) =>
        policy?.BodyReadTimeout is { } own && own > BodyReadTimeout ? own : BodyReadTimeout;

    /// <summary>
    /// The time one invocation of an HTTP function may take. Then its cancellation token fires (store calls that honour
    /// it stop) and the caller gets 503 with Retry-After.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", Longest, ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time a request body may take to arrive once a function starts reading it; then 408.</summary>
    [Range(typeof(TimeSpan), "00:00:01", Longest, ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Otherwise the request budget runs out first and a slow upload is answered 503 instead of the precise 408.
        if (BodyReadTimeout >= RequestTimeout)
        {
            yield return new ValidationResult(
                $"{nameof(BodyReadTimeout)} must be shorter than {nameof(RequestTimeout)}.", [nameof(BodyReadTimeout), nameof(RequestTimeout)]);
        }
    }
}
