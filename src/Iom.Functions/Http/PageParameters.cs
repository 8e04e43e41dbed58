using System.Globalization;
using Iom.Application.Api;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

/// <summary>
/// The query parameters of a list answered a page at a time: <c>pageSize</c> and the <c>continuation</c> its
/// <c>next</c> link carries. Problems are added to <c>errors</c>, so a request hears about every bad parameter at once.
/// </summary>
public static class PageParameters
{
    // Tokens are a few hundred characters (a keyset, or the Cosmos SDK's token for one partition).
    public const int MaxContinuationLength = 4096;

    public static int PageSize(IQueryCollection query, int fallback, int max, Dictionary<string, string[]> errors) =>
        PositiveInt(query, "pageSize", fallback, max, errors);

    public static string? Continuation(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        string? continuation = query[PagedQuery.Field];
        if (continuation is { Length: 0 or > MaxContinuationLength })
        {
            errors[PagedQuery.Field] = [PagedQuery.Refusal];
        }

        return continuation;
    }

    /// <summary>A whole number from 1 to <paramref name="max"/>, or <paramref name="fallback"/> when the parameter is absent.</summary>
    public static int PositiveInt(IQueryCollection query, string field, int fallback, int max, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        string? text = query[field];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors[field] = [$"The {field} must be a whole number from 1 to {max}"];
        return fallback;
    }
}
