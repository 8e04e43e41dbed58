using Iom.Application.Errors;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Api;

/// <summary>
/// One page of a list an endpoint answers a page at a time (<c>{items, next}</c>): the store's query, with a continuation
/// token the store did not give, or gave for another query, answered as a 400 on <see cref="Field"/> rather than misread.
/// </summary>
public static class PagedQuery
{
    /// <summary>The query parameter that carries the token back.</summary>
    public const string Field = "continuation";

    public const string Refusal = "The continuation is not one this list gave: start again from the first page";

    /// <exception cref="ValidationFailedException">The query's continuation token is not one this query gave.</exception>
    public static async Task<DocumentPage<T>> PageAsync<T>(this IDocumentStore documents, DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        try
        {
            return await documents.QueryAsync<T>(query, cancellationToken);
        }
        catch (InvalidContinuationException)
        {
            throw ValidationFailedException.For(Field, Refusal);
        }
    }
}
