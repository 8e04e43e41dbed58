using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>A test's direct access to a SQLite file: statements run on it, and the plan SQLite makes of a query.</summary>
internal static class SqliteFile
{
    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The lines of <c>EXPLAIN QUERY PLAN</c> for the query with its parameters bound, as SQLite plans it to run.</summary>
    public static List<string> PlanOf(string path, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        using var reader = explain.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
