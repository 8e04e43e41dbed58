namespace Iom.Application.Ports.Documents;

public enum FieldOperator
{
    Equal,

    /// <summary>Greater than or equal.</summary>
    AtLeast,

    /// <summary>Strictly less than.</summary>
    Before,
}
