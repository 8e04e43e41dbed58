using System.Text.Json;

namespace Iom.Domain.Tests.Fixtures;

/// <summary>Reads a JSON fixture copied next to the test assembly (see Fixtures/README.md).</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static JsonDocument Json(string name) => JsonDocument.Parse(Text(name));
}
