using Iom.Domain.Offending;

namespace Iom.Application.Offending;

/// <summary>A row of an upload and where it was: the line in a CSV file (the header is line 1), the index in a JSON array (from 0).</summary>
public sealed record NumberedRow(long Row, OffendingRow Values);
