using Iom.Functions.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Iom.Functions.Tests.Architecture;

/// <summary>
/// One main type per file, named after it (issue 9, item 7): a reader finds a type by its file name, and a change to one
/// type is a change to one file. Checked on the source of every project under src/, parsed with Roslyn.
/// </summary>
public sealed class TypePerFileTests(ITestOutputHelper output)
{
    /// <summary>
    /// Files that still hold several types, left unsplit while other work changes those areas. The list may only shrink:
    /// a file here that now complies (or is gone) fails the test until its line is removed.
    /// </summary>
    private static readonly string[] NotYetSplit =
    [
    ];

    [Fact]
    public void Every_source_file_declares_one_top_level_type_named_after_the_file()
    {
        var offenders = SourceFiles().Select(Check).OfType<string>().ToList();
        var unexpected = offenders.Where(o => !NotYetSplit.Contains(o.Split(':')[0], StringComparer.Ordinal)).ToList();

        foreach (var offender in offenders)
        {
            output.WriteLine(offender);
        }

        SourceFiles().Count().ShouldBeGreaterThan(100);
        unexpected.ShouldBeEmpty("Split these files: one top-level type each, the file named after it.");
    }

    [Fact]
    public void The_list_of_files_not_yet_split_only_shrinks()
    {
        var offending = SourceFiles().Select(Check).OfType<string>().Select(o => o.Split(':')[0]).ToHashSet(StringComparer.Ordinal);

        NotYetSplit.Where(path => !offending.Contains(path)).ShouldBeEmpty("These files comply now (or are gone): remove them from NotYetSplit.");
        NotYetSplit.ShouldBeUnique();
    }

    [Fact]
    public void The_check_names_a_file_with_two_types_and_a_file_named_after_another_type()
    {
        Check("src/X/Pair.cs", "namespace X; public sealed class Pair; public enum Side { Left }").ShouldBe("src/X/Pair.cs: declares 2 top-level types (Pair, Side)");
        Check("src/X/Wrong.cs", "namespace X { internal interface IRight; }").ShouldBe("src/X/Wrong.cs: declares IRight, not Wrong");
        Check("src/X/Box.cs", "namespace X; public class Box; public class Box<T>; file sealed class Helper;").ShouldBeNull();
        Check("src/X/Log.Referrals.cs", "namespace X; internal static partial class Log;").ShouldBeNull();
        Check("src/X/Log.Referrals.cs", "namespace X; internal static class Log;").ShouldBe("src/X/Log.Referrals.cs: declares Log, not Log.Referrals");
        Check("src/X/Outer.cs", "namespace X; public sealed class Outer { private sealed class Inner; }").ShouldBeNull();
        Check("src/X/Handler.cs", "namespace X; public delegate void Handler(); public delegate void Other();").ShouldBe("src/X/Handler.cs: declares 2 top-level types (Handler, Other)");
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles()
    {
        var root = RepoRoot.Find();
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            // Program.cs holds top-level statements and whatever the host's start-up needs beside them.
            .Where(path => Path.GetFileName(path) != "Program.cs")
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(root, path))));
    }

    private static string? Check((string Path, string Text) file) => Check(file.Path, file.Text);

    /// <summary>The offence in one file, or null when it complies.</summary>
    private static string? Check(string path, string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), path);
        var types = TopLevelTypes(tree.GetCompilationUnitRoot())
            .Where(t => !t.Modifiers.Any(SyntaxKind.FileKeyword)) // a file-local helper is part of the main type
            .ToList();

        // A generic and a non-generic type of the same name are one family, as are the parts of a partial type.
        var names = types.Select(t => t.Name).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 1)
        {
            return $"{path}: declares {names.Count} top-level types ({string.Join(", ", names)})";
        }

        if (names.Count == 0)
        {
            return null;
        }

        var stem = Path.GetFileNameWithoutExtension(path);
        var partial = types.All(t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
        var matches = stem == names[0] || (partial && stem.StartsWith(names[0] + ".", StringComparison.Ordinal));
        return matches ? null : $"{path}: declares {names[0]}, not {stem}";
    }

    private static IEnumerable<(string Name, SyntaxTokenList Modifiers)> TopLevelTypes(SyntaxNode container)
    {
        foreach (var member in container.ChildNodes())
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    foreach (var type in TopLevelTypes(ns))
                    {
                        yield return type;
                    }

                    break;
                case BaseTypeDeclarationSyntax type:
                    yield return (type.Identifier.ValueText, type.Modifiers);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    yield return (@delegate.Identifier.ValueText, @delegate.Modifiers);
                    break;
            }
        }
    }
}
