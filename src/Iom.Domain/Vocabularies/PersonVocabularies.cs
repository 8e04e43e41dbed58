namespace Iom.Domain.Vocabularies;

/// <summary>The coded vocabularies of a person's details, as referrals record them and measures break them down.</summary>
public static class PersonVocabularies
{
    /// <summary>Gender as recorded on the referral (the person's own, or not stated).</summary>
    public static Vocabulary Gender { get; } = new("gender",
    [
        new("male", "Male"),
        new("female", "Female"),
        new("non-binary", "Non-binary"),
        new("not-stated", "Not stated"),
    ]);

    /// <summary>
    /// Self-defined ethnicity as police forces record it: the 18+1 codes of the 2021 census categories (England and
    /// Wales), Roma as W4, and NS for not stated. Each label is the census group and category; the category alone is
    /// accepted too.
    /// </summary>
    public static Vocabulary Ethnicity { get; } = new("ethnicity",
    [
        new("A1", "Asian or Asian British: Indian", ["Indian"]),
        new("A2", "Asian or Asian British: Pakistani", ["Pakistani"]),
        new("A3", "Asian or Asian British: Bangladeshi", ["Bangladeshi"]),
        new("A4", "Asian or Asian British: Chinese", ["Chinese"]),
        new("A9", "Asian or Asian British: any other Asian background", ["Any other Asian background"]),
        new("B1", "Black, Black British, Caribbean or African: Caribbean", ["Caribbean"]),
        new("B2", "Black, Black British, Caribbean or African: African", ["African"]),
        new("B9", "Black, Black British, Caribbean or African: any other Black background", ["Any other Black, Black British or Caribbean background", "Any other Black background"]),
        new("M1", "Mixed or multiple ethnic groups: White and Black Caribbean", ["White and Black Caribbean"]),
        new("M2", "Mixed or multiple ethnic groups: White and Black African", ["White and Black African"]),
        new("M3", "Mixed or multiple ethnic groups: White and Asian", ["White and Asian"]),
        new("M9", "Mixed or multiple ethnic groups: any other mixed background", ["Any other Mixed or multiple ethnic background", "Any other mixed background"]),
        new("O2", "Other ethnic group: Arab", ["Arab"]),
        new("O9", "Other ethnic group: any other ethnic group", ["Any other ethnic group"]),
        new("W1", "White: English, Welsh, Scottish, Northern Irish or British", ["English, Welsh, Scottish, Northern Irish or British"]),
        new("W2", "White: Irish", ["Irish"]),
        new("W3", "White: Gypsy or Irish Traveller", ["Gypsy or Irish Traveller"]),
        new("W4", "White: Roma", ["Roma"]),
        new("W9", "White: any other White background", ["Any other White background"]),
        new("NS", "Not stated"),
    ]);
}
