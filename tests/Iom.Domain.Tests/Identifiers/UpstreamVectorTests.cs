using System.Text.Json;
using Iom.Domain.Identifiers;
using Iom.Domain.Tests.Fixtures;

namespace Iom.Domain.Tests.Identifiers;

/// <summary>
/// Every vector in Fixtures/pnc_cro_vectors.json (the HMPPS person-record service's tests, their history and the
/// derived quirks). Where this project deliberately differs from upstream the expected result comes from
/// <see cref="DeliberateDifferences"/>, and each difference has its own named test in <see cref="PncIdTests"/> or
/// <see cref="CroNumberTests"/>.
/// </summary>
public sealed class UpstreamVectorTests
{
    private const string File = "pnc_cro_vectors.json";

    // The file's vectors are stable for any current year 2003..2066; derived quirks name their own year.
    private const int DefaultYear = 2026;

    // (kind, input, year) -> our canonical form, or null where we refuse the input.
    private static readonly Dictionary<(string Kind, string Input, int Year), string?> DeliberateDifferences = new()
    {
        [("pnc", "813/4U", 2026)] = null, // PncIdTests.A_slash_inside_the_year_is_refused_where_upstream_simply_deletes_it
        [("pnc", "2002/73319P", 2026)] = null, // PncIdTests.A_four_digit_year_before_the_slash_is_a_year_where_upstream_reads_the_first_two_digits_as_YY
        [("pnc", "1912345678F", 2026)] = null, // PncIdTests.Ten_digits_without_a_slash_are_refused_where_upstream_makes_an_eight_digit_serial_or_overflows
        [("pnc", "2079/0163001B", 2026)] = null, // PncIdTests.A_long_form_year_in_the_future_is_refused_where_upstream_ignores_the_century
        [("pnc", "0079/0163001B", 2026)] = null, // PncIdTests.A_long_form_year_before_1900_is_refused_where_upstream_accepts_any_four_digits
        [("pnc", "81/34u", 2026)] = "1981/0000034U", // PncIdTests.Lower_case_and_surrounding_spaces_are_accepted_where_upstream_refuses_them
        [("pnc", " 81/34U", 2026)] = "1981/0000034U", // same test
        [("cro", "sf05/482703j", DefaultYear)] = "SF05/482703J", // CroNumberTests.Lower_case_is_accepted_where_upstream_refuses_it
    };

    public static TheoryData<string, string?, int, bool, string?> PncVectors => AsTheoryData(Read("pnc"));

    public static TheoryData<string, string?, int, bool, string?> CroVectors => AsTheoryData(Read("cro"));

    public static TheoryData<string, string, string, bool> PncEquality
    {
        get
        {
            using var json = Fixture.Json(File);
            var rows = new TheoryData<string, string, string, bool>();
            foreach (var e in json.RootElement.GetProperty("pnc_equality").EnumerateArray())
            {
                rows.Add(e.GetProperty("source").GetString()!, e.GetProperty("a").GetString()!, e.GetProperty("b").GetString()!, e.GetProperty("equal").GetBoolean());
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(PncVectors))]
    public void Every_upstream_pnc_vector_gives_upstreams_result_unless_we_differ_deliberately(string source, string? input, int year, bool upstreamValid, string? upstreamCanonical)
    {
        var expected = Expected("pnc", input, year, upstreamValid, upstreamCanonical);

        var valid = PncId.TryParse(input, new DateOnly(year, 11, 24), out var pnc, out var error);

        valid.ShouldBe(expected is not null, $"{source}: {error}");
        if (valid)
        {
            pnc.ToString().ShouldBe(expected);
            error.ShouldBeEmpty();
        }
        else
        {
            error.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [MemberData(nameof(CroVectors))]
    public void Every_upstream_cro_vector_gives_upstreams_result_unless_we_differ_deliberately(string source, string? input, int year, bool upstreamValid, string? upstreamCanonical)
    {
        var expected = Expected("cro", input, year, upstreamValid, upstreamCanonical);

        var valid = CroNumber.TryParse(input, out var cro, out var error);

        valid.ShouldBe(expected is not null, $"{source}: {error}");
        if (valid)
        {
            cro.ToString().ShouldBe(expected);
            error.ShouldBeEmpty();
        }
        else
        {
            error.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [MemberData(nameof(PncEquality))]
    public void Upstream_pnc_equality_vectors_hold_and_an_invalid_side_has_no_value_to_compare(string source, string a, string b, bool equal)
    {
        var today = new DateOnly(DefaultYear, 11, 24);
        var aValid = PncId.TryParse(a, today, out var first, out _);
        var bValid = PncId.TryParse(b, today, out var second, out _);

        if (equal)
        {
            (aValid && bValid).ShouldBeTrue(source);
            first.ShouldBe(second, source);
        }
        else
        {
            (aValid && bValid && first == second).ShouldBeFalse(source);
        }
    }

    [Fact]
    public void Every_deliberate_difference_names_a_vector_in_the_file_on_which_upstream_disagrees()
    {
        var vectors = Read("pnc").Concat(Read("cro")).ToList();

        foreach (var ((kind, input, year), ours) in DeliberateDifferences)
        {
            vectors.ShouldContain(v => v.Kind == kind && v.Input == input && v.Year == year && (v.Valid ? v.Canonical : null) != ours, $"{kind} {input} {year}");
        }
    }

    private static string? Expected(string kind, string? input, int year, bool upstreamValid, string? upstreamCanonical) =>
        input is not null && DeliberateDifferences.TryGetValue((kind, input, year), out var ours)
            ? ours
            : upstreamValid ? upstreamCanonical : null;

    private static TheoryData<string, string?, int, bool, string?> AsTheoryData(IEnumerable<Vector> vectors)
    {
        var rows = new TheoryData<string, string?, int, bool, string?>();
        foreach (var v in vectors)
        {
            rows.Add(v.Source, v.Input, v.Year, v.Valid, v.Canonical);
        }

        return rows;
    }

    // Current vectors, historical ones (as the current implementation judges them) and the derived quirks.
    private static List<Vector> Read(string kind)
    {
        using var json = Fixture.Json(File);
        var root = json.RootElement;
        var vectors = new List<Vector>();

        foreach (var e in root.GetProperty(kind).EnumerateArray())
        {
            vectors.Add(new(kind, $"{kind} {e.GetProperty("source").GetString()}", e.GetProperty("input").GetString(), DefaultYear, e.GetProperty("valid").GetBoolean(), e.GetProperty("canonical").GetString()));
        }

        foreach (var e in root.GetProperty($"{kind}_historical").EnumerateArray())
        {
            vectors.Add(new(kind, $"{kind}_historical {e.GetProperty("source").GetString()}", e.GetProperty("input").GetString(), DefaultYear, e.GetProperty("current_impl_valid").GetBoolean(), e.GetProperty("current_impl_canonical").GetString()));
        }

        var index = 0;
        foreach (var e in root.GetProperty("derived_quirks").GetProperty("items").EnumerateArray())
        {
            index++;
            if (e.GetProperty("kind").GetString() != kind)
            {
                continue;
            }

            var year = e.TryGetProperty("evaluated_with_current_year", out var y) ? y.GetInt32() : DefaultYear;
            var valid = e.GetProperty("valid").GetBoolean();
            vectors.Add(new(kind, $"derived_quirks item {index}", e.GetProperty("input").GetString(), year, valid, valid ? e.GetProperty("upstream_canonical").GetString() : null));
        }

        return vectors;
    }

    private sealed record Vector(string Kind, string Source, string? Input, int Year, bool Valid, string? Canonical);
}
