using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using Iom.Application.Errors;
using Iom.Application.Offending;
using Iom.Domain.Offending;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Iom.Functions.Offending;

/// <summary>
/// Reads an offending-data upload row by row as it arrives (<see cref="RequestBody.OpenStream"/>), never the whole
/// file into memory: CSV (<c>text/csv</c>, a header row naming every column, comma-separated, RFC 4180 quoting) with
/// CsvHelper, or JSON (<c>application/json</c>, an array of <see cref="OffendingRowInput"/>) with System.Text.Json.
/// A file that cannot be read as either — bad quoting, a header without a column, not an array — is a 400 for the whole
/// file (<see cref="ValidationFailedException"/> or <see cref="JsonException"/>); a bad value in a row is that row's error.
/// </summary>
public static class OffendingUploadReader
{
    public const string CsvMediaType = "text/csv";
    public const string JsonMediaType = "application/json";

    /// <summary>A CSV record longer than this is not a row of this file (an unclosed quote, say): refused, not buffered.</summary>
    public const int MaxRecordBytes = 16 * 1024;

    /// <exception cref="UnsupportedContentTypeException">Neither CSV nor JSON.</exception>
    public static IAsyncEnumerable<NumberedRow> Read(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
        {
            throw new UnsupportedContentTypeException($"{CsvMediaType} or {JsonMediaType}");
        }

        if (media.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return ReadCsv(RequestBody.OpenStream(request), cancellationToken);
        }

        return media.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
            ? ReadJson(RequestBody.OpenStream(request), cancellationToken)
            : throw new UnsupportedContentTypeException($"{CsvMediaType} or {JsonMediaType}");
    }

    private static async IAsyncEnumerable<NumberedRow> ReadCsv(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = MaxRecordBytes,
            TrackLineNumbers = true,
            // Messages may reach logs: never with a value from the file in them.
            IncludeValuesInExceptions = false,
        };
        await using var csv = CsvReader.Create(body, options, leaveOpen: true);
        int[] columns;
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            columns = ColumnsOf(csv.Headers);
        }
        catch (CsvFormatException)
        {
            throw Malformed("The header row could not be read as CSV.");
        }

        while (true)
        {
            try
            {
                if (!await csv.ReadAsync(cancellationToken))
                {
                    yield break;
                }
            }
            catch (CsvFormatException)
            {
                throw Malformed($"The file is not well-formed CSV after line {csv.LineNumber}: check its quoting.");
            }

            string? Field(int index) => index < csv.FieldCount && !csv.IsEmpty(index) ? csv.GetString(index) : null;
            yield return new NumberedRow(csv.LineNumber, new OffendingRow(
                Field(columns[0]), Field(columns[1]), Field(columns[2]), Field(columns[3]), Field(columns[4]), Field(columns[5])));
        }
    }

    /// <summary>Where each column of <see cref="OffendingRowRules.Columns"/> is, by its exact name; other columns are ignored.</summary>
    private static int[] ColumnsOf(IReadOnlyList<string> headers)
    {
        var missing = OffendingRowRules.Columns.Where(c => !headers.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["header"] = [$"The header row must name the columns {string.Join(", ", OffendingRowRules.Columns)}; missing: {string.Join(", ", missing)}"],
            });
        }

        return [.. OffendingRowRules.Columns.Select(c => headers.ToList().IndexOf(c))];
    }

    private static async IAsyncEnumerable<NumberedRow> ReadJson(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = 0;
        // Streams the top-level array an element at a time; anything else (an object, bad JSON) throws JsonException.
        await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable<OffendingRowInput>(body, ApiJson.Options, cancellationToken))
        {
            yield return new NumberedRow(index++, row?.ToRow() ?? new OffendingRow(null, null, null, null, null, null));
        }
    }

    private static ValidationFailedException Malformed(string message) =>
        new(new Dictionary<string, string[]> { ["$"] = [message] });
}
