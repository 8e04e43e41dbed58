namespace Iom.Functions.Referrals.Form;

/// <summary>Which parts of the date input to mark as wrong.</summary>
[Flags]
internal enum DateParts
{
    None = 0,
    Day = 1,
    Month = 2,
    Year = 4,
    All = Day | Month | Year,
}
