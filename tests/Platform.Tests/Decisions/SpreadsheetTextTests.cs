using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Domain;
using Platform.Mentoring.Documents;

namespace Platform.Tests.Decisions;

/// <summary>A text that a spreadsheet would read as a formula is written with a leading «'»; other texts and numbers as they are.</summary>
public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=1+2+cmd|' /C calc'!A0", "'=1+2+cmd|' /C calc'!A0")]
    [InlineData("+7 900 000-00-00", "'+7 900 000-00-00")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1+2", "'\t=1+2")]
    [InlineData("\r=1+2", "'\r=1+2")]
    [InlineData("'=1", "'=1")] // already quoted: left as it is
    public void A_text_starting_as_a_formula_gets_a_quote(string text, string written) => SpreadsheetText.Safe(text).ShouldBe(written);

    [Theory]
    [InlineData("СОШ № 1", "СОШ № 1")]
    [InlineData("Иванова Мария = наставник", "Иванова Мария = наставник")]
    [InlineData("да", "да")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Other_texts_are_written_as_they_are(string? text, string written) => SpreadsheetText.Safe(text).ShouldBe(written);

    [Fact]
    public void A_workbook_text_cell_follows_the_rule_and_a_negative_number_stays_a_number()
    {
        var text = Xlsx.Text("=HYPERLINK(\"http://x\")");
        text.DataType!.Value.ShouldBe(CellValues.InlineString);
        text.InnerText.ShouldBe("'=HYPERLINK(\"http://x\")");

        var number = Xlsx.Number(-5.5m);
        number.DataType!.Value.ShouldBe(CellValues.Number);
        number.CellValue!.Text.ShouldBe("-5.5");
    }
}
