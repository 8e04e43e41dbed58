using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.Sqlite;

/// <summary>Configuration section "Sqlite": where the local document store and queue keep their one file.</summary>
public sealed class SqliteOptions
{
    public const string SectionName = "Sqlite";

    public const string FileName = "iom.db";

    /// <summary>The folder holding <see cref="FileName"/>; a relative path is taken from the host's content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>The full path of the file, with <see cref="DataDirectory"/> taken from <paramref name="contentRoot"/> when relative.</summary>
    public string FilePath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory, FileName));
}
