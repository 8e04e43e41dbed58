namespace Iom.Application.Ports.Documents;

public static class FieldOperators
{
    /// <summary>
    /// The comparison as SQL writes it: both document adapters (Cosmos DB's SQL and SQLite) spell the three the same,
    /// so one mapping serves both.
    /// </summary>
    public static string SqlComparison(this FieldOperator op) => op switch
    {
        FieldOperator.Equal => "=",
        FieldOperator.AtLeast => ">=",
        FieldOperator.Before => "<",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
    };
}
