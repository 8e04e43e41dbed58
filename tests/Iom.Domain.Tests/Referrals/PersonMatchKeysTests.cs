using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Referrals;

public sealed class PersonMatchKeysTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateOnly Dob = new(1994, 3, 2);

    private static PncId Pnc(string text) => PncId.TryParse(text, Today, out var value, out var error) ? value : throw new ArgumentException(error);

    private static CroNumber Cro(string text) => CroNumber.TryParse(text, out var value, out var error) ? value : throw new ArgumentException(error);

    private static PrisonNumber Noms(string text) => PrisonNumber.TryParse(text, out var value, out var error) ? value : throw new ArgumentException(error);

    private static CaseReferenceNumber Crn(string text) => CaseReferenceNumber.TryParse(text, out var value, out var error) ? value : throw new ArgumentException(error);

    private static IReadOnlyList<string> NamesOnly(string given, string family) => PersonMatchKeys.For(given, family, Dob, null, null, null, null);

    [Fact]
    public void Every_identifier_gives_a_key_in_canonical_form_then_names_and_date_of_birth()
    {
        var keys = PersonMatchKeys.For("Darren", "Quenby", Dob, Pnc("12/52494q"), Cro("65656/91h"), Noms(" a1234bc"), Crn("x123456"));

        keys.ShouldBe(["pnc:2012/0052494Q", "cro:065656/91H", "noms:A1234BC", "crn:X123456", "name-dob:QUENBY|DARREN|1994-03-02"]);
    }

    [Fact]
    public void The_short_and_long_forms_of_a_pnc_id_give_the_same_key()
    {
        PersonMatchKeys.For("A", "B", Dob, Pnc("2012/0052494Q"), null, null, null)[0]
            .ShouldBe(PersonMatchKeys.For("A", "B", Dob, Pnc("12/52494Q"), null, null, null)[0]);
    }

    [Fact]
    public void An_sf_cro_number_keeps_its_form_in_the_key()
    {
        PersonMatchKeys.For("A", "B", Dob, null, Cro("sf05/482703j"), null, null)[0].ShouldBe("cro:SF05/482703J");
    }

    [Fact]
    public void Without_identifiers_only_the_name_key_is_given()
    {
        NamesOnly("Darren", "Quenby").ShouldBe(["name-dob:QUENBY|DARREN|1994-03-02"]);
    }

    [Fact]
    public void A_default_identifier_is_refused_rather_than_giving_an_empty_key()
    {
        Should.Throw<ArgumentException>(() => PersonMatchKeys.For("A", "B", Dob, default(PncId), null, null, null)).ParamName.ShouldBe("pnc");
        Should.Throw<ArgumentException>(() => PersonMatchKeys.For("A", "B", Dob, null, null, null, default(CaseReferenceNumber))).ParamName.ShouldBe("crn");
    }

    [Fact]
    public void Names_are_compared_regardless_of_case_and_surrounding_or_repeated_space()
    {
        NamesOnly("  darren ", "QUENBY").ShouldBe(NamesOnly("Darren", "Quenby"));
        PersonMatchKeys.NormaliseName(" Mary \t  Ann ").ShouldBe("MARY ANN");
    }

    [Fact]
    public void The_date_of_birth_is_part_of_the_name_key()
    {
        PersonMatchKeys.For("Darren", "Quenby", Dob.AddDays(1), null, null, null, null).ShouldNotBe(NamesOnly("Darren", "Quenby"));
    }

    [Fact]
    public void Given_and_family_names_are_not_interchangeable()
    {
        NamesOnly("Quenby", "Darren").ShouldNotBe(NamesOnly("Darren", "Quenby"));
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("O’Brien")]
    [InlineData("O‘Brien")]
    [InlineData("Oʼbrien")]
    [InlineData("O`Brien")]
    [InlineData("O´Brien")]
    [InlineData("OBrien")]
    public void Apostrophes_are_dropped_so_the_name_parts_join(string family)
    {
        PersonMatchKeys.NormaliseName(family).ShouldBe("OBRIEN");
    }

    [Fact]
    public void A_space_where_an_apostrophe_might_be_is_still_a_space()
    {
        PersonMatchKeys.NormaliseName("O Brien").ShouldBe("O BRIEN");
    }

    [Theory]
    [InlineData("Smith-Jones")]
    [InlineData("Smith - Jones")]
    [InlineData("Smith–Jones")]
    [InlineData("smith  jones")]
    [InlineData("Smith.Jones")]
    public void Hyphens_and_other_punctuation_separate_name_parts_like_a_space(string family)
    {
        PersonMatchKeys.NormaliseName(family).ShouldBe("SMITH JONES");
        PersonMatchKeys.NormaliseName(family).ShouldNotBe(PersonMatchKeys.NormaliseName("SmithJones"));
    }

    [Theory]
    [InlineData("Zoë", "ZOE")]
    [InlineData("José", "JOSE")]
    [InlineData("Renée", "RENEE")]
    [InlineData("Łukasz", "LUKASZ")]
    [InlineData("Søren", "SOREN")]
    [InlineData("Groß", "GROSS")]
    [InlineData("Ægir", "AEGIR")]
    [InlineData("Þóra", "THORA")]
    [InlineData("Ｊｏｅ", "JOE")]
    [InlineData("Do\u0308rte", "DORTE")]
    public void Accents_and_special_letters_fold_to_their_plain_english_spelling(string name, string expected)
    {
        PersonMatchKeys.NormaliseName(name).ShouldBe(expected);
    }

    [Fact]
    public void Letters_of_other_scripts_are_upper_cased_and_lose_their_marks_too_but_are_not_transliterated()
    {
        // Й is И with a breve: the breve goes, as the accent of é does.
        PersonMatchKeys.NormaliseName("Дмитрий").ShouldBe("ДМИТРИИ");
        PersonMatchKeys.NormaliseName("Дмитрий").ShouldNotBe(PersonMatchKeys.NormaliseName("Dmitriy"));
    }

    [Fact]
    public void Invisible_and_control_characters_cannot_make_two_spellings_differ_or_break_the_key()
    {
        PersonMatchKeys.NormaliseName("Dar\u200Bren").ShouldBe("DAR REN");
        PersonMatchKeys.NormaliseName("Quenby\u0000|x").ShouldBe("QUENBY X");
        PersonMatchKeys.NormaliseName("Dar\uD800ren").ShouldBe("DAR REN");
    }

    [Fact]
    public void A_name_with_no_letters_left_gives_no_name_key()
    {
        PersonMatchKeys.For("-", "Quenby", Dob, null, null, null, null).ShouldBeEmpty();
        PersonMatchKeys.For("Darren", " ' ", Dob, null, Cro("65656/91H"), null, null).ShouldBe(["cro:065656/91H"]);
    }

    [Theory]
    [InlineData("pnc:2012/0052494Q", "pnc:2012~2F0052494Q")]
    [InlineData("cro:SF05/482703J", "cro:SF05~2F482703J")]
    [InlineData("noms:A1234BC", "noms:A1234BC")]
    [InlineData("name-dob:O BRIEN|ZOE|1994-03-02", "name-dob:O BRIEN|ZOE|1994-03-02")]
    [InlineData("a\\b?c#d~e\n", "a~5Cb~3Fc~23d~7Ee~0A")]
    public void A_document_id_escapes_exactly_the_characters_cosmos_forbids_and_the_escape_character(string key, string id)
    {
        PersonMatchKeys.ToDocumentId(key).ShouldBe(id);
        PersonMatchKeys.FromDocumentId(id).ShouldBe(key);
    }

    [Fact]
    public void Document_ids_hold_none_of_the_characters_cosmos_forbids_and_give_back_every_key()
    {
        var keys = PersonMatchKeys.For("Zoë-Ann", "O'Brien/Smith?#", Dob, Pnc("12/52494Q"), Cro("SF05/482703J"), Noms("A1234BC"), Crn("X123456"))
            .Concat(["~2F", "~", "%2F", "a~~b", "ÿ/\u0001", string.Empty]);

        foreach (var key in keys)
        {
            var id = PersonMatchKeys.ToDocumentId(key);
            id.IndexOfAny(['/', '\\', '?', '#']).ShouldBe(-1, key);
            PersonMatchKeys.FromDocumentId(id).ShouldBe(key);
        }
    }

    [Theory]
    [InlineData("pnc~2")]
    [InlineData("pnc~")]
    [InlineData("pnc~ZZ")]
    [InlineData("pnc~+F")]
    public void A_document_id_with_a_broken_escape_is_refused(string id)
    {
        Should.Throw<FormatException>(() => PersonMatchKeys.FromDocumentId(id));
    }
}
