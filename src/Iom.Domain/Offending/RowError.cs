namespace Iom.Domain.Offending;

/// <summary>Why one field of a row was refused.</summary>
/// <param name="Field">The field's wire name (<c>pncId</c>, <c>offenceDate</c>, …).</param>
/// <param name="Code">A stable code (<see cref="RowErrorCodes"/>).</param>
/// <param name="Message">What is wrong, for a person; it never repeats the value sent.</param>
public sealed record RowError(string Field, string Code, string Message);
