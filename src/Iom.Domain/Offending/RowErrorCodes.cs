namespace Iom.Domain.Offending;

/// <summary>The codes a row's field can be refused with, as the upload's report gives them.</summary>
public static class RowErrorCodes
{
    public const string Required = "required";
    public const string Format = "format";
    public const string CheckLetter = "check-letter";
    public const string Future = "future";
    public const string BeforeOffence = "before-offence";
    public const string NotAllowed = "not-allowed";
    public const string TooLong = "too-long";
    public const string DuplicateInFile = "duplicate-in-file";
    public const string SourceRefConflict = "source-ref-conflict";
}
