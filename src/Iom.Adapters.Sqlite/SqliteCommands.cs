using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

internal static class SqliteCommands
{
    /// <summary>A parameterised command; it joins the connection's open transaction, if any.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
