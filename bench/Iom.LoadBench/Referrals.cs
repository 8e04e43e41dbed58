using System.Globalization;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Referrals.Submit;
using Iom.Functions.Http;

namespace Iom.LoadBench;

/// <summary>
/// Distinct, valid referrals: person <c>n</c> has a name, date of birth and PNC ID no other person has, so no
/// submission is refused as a duplicate. Panels rotate iom, asb, dyo (an under-18 with a high Asset score).
/// </summary>
internal static class Referrals
{
    private const string CheckLetters = "ZABCDEFGHJKLMNPQRTUVWXY";
    private static readonly string[] GivenNames = ["Darren", "Kelly", "Jordan", "Aisha", "Tomasz", "Priya", "Liam", "Chloe"];

    public static SubmitReferralRequest For(long n, DateOnly today)
    {
        var panel = (int)(n % 3);
        var young = panel == 2;
        var dob = young ? today.AddYears(-14).AddDays(-(int)(n % 700)) : new DateOnly(1970, 1, 1).AddDays((int)(n % 10_000));
        return new SubmitReferralRequest
        {
            Person = new PersonInput
            {
                GivenName = GivenNames[n % GivenNames.Length],
                FamilyName = "Bench" + Letters(n),
                DateOfBirth = dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Gender = "male",
                PncId = Pnc(n),
                Postcode = "tw9 1aa",
                Ward = "South Richmond",
            },
            ReferralType = panel switch { 0 => "iom", 1 => "asb", _ => "dyo" },
            Reason = "Prolific burglary and theft from vehicles since release.",
            OffenceTypes = ["burglary", "vehicle-crime"],
            Drivers = ["drugs", "accommodation"],
            RiskOfSeriousHarm = "medium",
            MappaLevel = 0,
            MaracCase = false,
            AssetScore = young ? 30 : null,
            OgrsScore = young ? null : 81,
            Statutory = true,
            Emergency = false,
            Referrer = new ReferrerInput { Name = "PC Sam Patel", Email = "sam.patel@met.example.gov.uk" },
        };
    }

    /// <summary>The JSON a partner would send, in the API's own serialisation.</summary>
    public static byte[] JsonFor(long n, DateOnly today) => JsonSerializer.SerializeToUtf8Bytes(For(n, today), ApiJson.Options);

    /// <summary>The X-MS-CLIENT-PRINCIPAL of referrer <paramref name="caller"/>: a distinct oid, an agency.</summary>
    public static string Principal(int caller, string run) =>
        ClientPrincipal.Encode($"bench-{run}-{caller}", "Bench Referrer", $"referrer{caller}@police.example.gov.uk", "police", [Roles.Referrer]);

    // YYYY/NNNNNNNC with the mod-23 check letter over the year's last two digits and the 7-digit serial (PncId).
    private static string Pnc(long n)
    {
        var year = 1990 + (int)(n / 10_000_000 % 30);
        var serial = n % 10_000_000;
        var check = CheckLetters[(int)((((year % 100) * 10_000_000L) + serial) % 23)];
        return string.Create(CultureInfo.InvariantCulture, $"{year}/{serial:D7}{check}");
    }

    private static string Letters(long n)
    {
        var letters = new System.Text.StringBuilder();
        do
        {
            letters.Insert(0, (char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return letters.ToString();
    }
}
