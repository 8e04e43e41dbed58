using System.Text;
using Iom.Application.Performance.Rollups;
using Iom.Domain.Agencies;
using Iom.Domain.Performance;

namespace Iom.Application.Tests.Performance;

public sealed class RollupCsvTests
{
    private const string Hostile = "=HYPERLINK(\"http://evil.example\",\"x\"), <script>alert(1)</script>\r\nnext";

    private static readonly AgencyList Agencies = new([new Agency("police", "Police"), new Agency("probation", Hostile)]);

    private static string Csv(params MeasureTable[] tables) =>
        Encoding.UTF8.GetString(RollupCsv.Write(new Rollup("2026-11", RollupCalculator.DefinitionsVersion, new RollupWatermark(DateTimeOffset.UnixEpoch, null), true, tables), Agencies));

    [Fact]
    public void An_agency_row_carries_the_agencys_display_name_after_its_code_and_other_rows_an_empty_name()
    {
        var text = Csv(
            new MeasureTable("referrals.received", "total", MeasureUnit.Count, [new MeasureCell("all", 3)]),
            new MeasureTable("referrals.received", "agency", MeasureUnit.Count, [new MeasureCell("police", 2), new MeasureCell("unknown", 1)]));

        text.ShouldBe("measure,breakdown,unit,key,value,provisional,name\r\n"
            + "referrals.received,total,count,all,3,false,\r\n"
            + "referrals.received,agency,count,police,2,false,Police\r\n"
            + "referrals.received,agency,count,unknown,1,false,\r\n");
    }

    [Fact]
    public void A_hostile_agency_name_or_key_is_written_as_text_a_spreadsheet_will_not_run()
    {
        var text = Csv(new MeasureTable("referrals.received", "agency", MeasureUnit.Count, [new MeasureCell("probation", 1), new MeasureCell(Hostile, 1)]));

        // The formula is escaped as text and the field quoted, its quotes doubled, its line break kept inside the quotes.
        const string Escaped = "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\"), <script>alert(1)</script>\r\nnext\"";
        text.ShouldContain($"referrals.received,agency,count,probation,1,false,{Escaped}\r\n");
        text.ShouldContain($"referrals.received,agency,count,{Escaped},1,false,\r\n");
        text.ShouldNotContain("\n=HYPERLINK");
        text.ShouldNotContain(",=HYPERLINK");
    }

    [Fact]
    public void The_files_entity_tag_follows_its_bytes_so_renaming_an_agency_changes_it_and_nothing_else_does()
    {
        var rollup = new Rollup("2026-11", RollupCalculator.DefinitionsVersion, new RollupWatermark(DateTimeOffset.UnixEpoch, null), true,
            [new MeasureTable("referrals.received", "agency", MeasureUnit.Count, [new MeasureCell("police", 2)])]);
        var renamed = new AgencyList([new Agency("police", "Metropolitan Police Service"), new Agency("probation", Hostile)]);

        var tag = RollupCsv.EntityTagOf(RollupCsv.Write(rollup, Agencies));

        tag.ShouldMatch("^\"csv-[0-9a-f]{32}\"$");
        RollupCsv.EntityTagOf(RollupCsv.Write(rollup, Agencies)).ShouldBe(tag);
        RollupCsv.EntityTagOf(RollupCsv.Write(rollup, renamed)).ShouldNotBe(tag);
    }
}
