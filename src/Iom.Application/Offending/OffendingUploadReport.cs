namespace Iom.Application.Offending;

/// <summary>
/// What an upload did, row by row. <see cref="Applied"/> is false when row errors stopped the whole file (nothing was
/// written). Counts are of rows: <see cref="Accepted"/> stored now, <see cref="Unchanged"/> stored before with the
/// same content (or stored before and since erased under retention, which a re-upload does not undo),
/// <see cref="UnknownPerson"/> about nobody IOM knows (not stored, not an error), <see cref="Rejected"/> refused. <see cref="Errors"/> lists the first <see cref="RecordOffendingRecords.MaxReportedRows"/> rejected rows'
/// fields; <see cref="ErrorsTruncated"/> says there were more.
/// </summary>
public sealed record OffendingUploadReport(
    bool Applied,
    long Received,
    long Accepted,
    long Unchanged,
    long UnknownPerson,
    long Rejected,
    IReadOnlyList<OffendingRowProblem> Errors,
    bool ErrorsTruncated) : Api.IApiResponse;
