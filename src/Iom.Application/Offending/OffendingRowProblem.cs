namespace Iom.Application.Offending;

/// <summary>
/// One refused field of one row, in the upload's report: where, which field, a stable code and a message. Never the
/// value sent (a PNC ID, a date of someone's offence).
/// </summary>
public sealed record OffendingRowProblem(long Row, string Field, string Code, string Message);
