using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;

namespace Iom.Domain.Wire;

/// <summary>
/// The one table of enum wire names, read from <see cref="WireNameAttribute"/> on every member. Everything that writes
/// or reads an enum as text (the JSON converter, the form, the validators, the query strings) goes through here.
/// </summary>
public static class WireNames
{
    /// <summary>Whether <paramref name="enumType"/> names every member on the wire (and so may cross it).</summary>
    public static bool AreDeclaredFor(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return enumType.IsEnum && enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .All(f => f.GetCustomAttribute<WireNameAttribute>() is not null);
    }

    /// <summary>The wire name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a member of the enum.</exception>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Table<TEnum>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");

    /// <summary>Reads a wire name, exactly (ordinal, no numbers, no member names): anything else is false.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text is not null && Table<TEnum>.ByName.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads a wire name that has already been validated.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a wire name of the enum.</exception>
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new ArgumentException($"Not a {typeof(TEnum).Name}: one of {string.Join(", ", All<TEnum>())}.", nameof(text));

    /// <summary>Every wire name of the enum, in declaration order (the order forms and messages show them in).</summary>
    public static ImmutableArray<string> All<TEnum>()
        where TEnum : struct, Enum => Table<TEnum>.Names;

    /// <summary>Every wire name of <paramref name="enumType"/>, in declaration order (for describing it, e.g. in a schema).</summary>
    public static IReadOnlyList<string> AllOf(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken)
            .Select(f => f.GetCustomAttribute<WireNameAttribute>()?.Name ?? throw new InvalidOperationException($"{enumType.Name}.{f.Name} has no [WireName]."))];
    }

    // Built once per enum; a missing or repeated name fails the first use (and the test that walks every enum).
    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly ImmutableArray<string> Names;
        public static readonly FrozenDictionary<TEnum, string> ByValue;
        public static readonly FrozenDictionary<string, TEnum> ByName;

#pragma warning disable CA1810 // The three tables come from one pass that must check the names as it goes.
        static Table()
#pragma warning restore CA1810
        {
            var members = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
                .OrderBy(f => f.MetadataToken)
                .Select(f => (Value: (TEnum)f.GetValue(null)!, Name: f.GetCustomAttribute<WireNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{f.Name} has no [WireName].")))
                .ToList();
            var repeated = members.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} uses the wire name '{repeated.Key}' twice.");
            }

            Names = [.. members.Select(m => m.Name)];
            ByValue = members.ToFrozenDictionary(m => m.Value, m => m.Name);
            ByName = members.ToFrozenDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
        }
    }
}
