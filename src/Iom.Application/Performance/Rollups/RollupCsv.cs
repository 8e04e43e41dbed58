using System.Globalization;
using CsvHelper;
using Iom.Domain.Agencies;
using Iom.Domain.Performance;
using Iom.Domain.Wire;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// A rollup as CSV (RFC 4180, CsvHelper): a header row, then one row per cell — measure, breakdown, unit, key, value,
/// provisional, name — in the rollup's order. The name is the listed agency's display name on an agency row (the key
/// stays the code, so files from different months join on it), empty on every other row. The definitions version and watermark are in the JSON only, so every row of
/// the file is data and it opens as one table. A value is written in invariant culture, empty when there is none.
/// Every field is quoted when it needs to be, and a key that a spreadsheet would run as a formula (starting
/// <c>= + - @</c>, tab or carriage return) is prefixed with <c>'</c>.
/// </summary>
public static class RollupCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static byte[] Write(Rollup rollup, AgencyList agencies)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        ArgumentNullException.ThrowIfNull(agencies);
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, Options, leaveOpen: true))
        {
            csv.WriteRecord(["measure", "breakdown", "unit", "key", "value", "provisional", "name"]);
            foreach (var table in rollup.Tables)
            {
                var unit = WireNames.Of(table.Unit);
                foreach (var cell in table.Cells)
                {
                    var name = table.Breakdown == "agency" ? agencies.NameOf(cell.Key) ?? string.Empty : string.Empty;
                    csv.WriteRecord([table.Measure, table.Breakdown, unit, cell.Key, cell.Value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, cell.Provisional ? "true" : "false", name]);
                }
            }
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// The file's own strong entity tag, from its bytes: the rows carry the agencies' configured names, so a renamed
    /// agency is a different file even when the stored rollup (whose ETag the JSON carries) is unchanged.
    /// </summary>
    public static string EntityTagOf(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return $"\"csv-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..32]}\"";
    }
}
