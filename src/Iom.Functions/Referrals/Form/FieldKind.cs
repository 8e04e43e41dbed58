namespace Iom.Functions.Referrals.Form;

/// <summary>A field's posted value is a single text, one of a set of choices, several of them, or a date in three parts.</summary>
internal enum FieldKind
{
    Text,
    Choice,
    Choices,
    Date,
}
