namespace Iom.Application.Ports.Documents;

/// <summary>
/// A condition on one field of a document's JSON: <see cref="Value"/> is a string (dates, enum wire names, ISO
/// timestamps compare as text, which orders them), a boolean or an integer. A document without the field never passes.
/// </summary>
public sealed record FieldFilter(string Field, FieldOperator Operator, object Value)
{
    public static FieldFilter EqualTo(string field, object value) => new(field, FieldOperator.Equal, value);

    public static FieldFilter AtLeast(string field, object value) => new(field, FieldOperator.AtLeast, value);

    public static FieldFilter Before(string field, object value) => new(field, FieldOperator.Before, value);
}
