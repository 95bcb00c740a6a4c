namespace Platform.Domain;

/// <summary>
/// Text the platform writes into a spreadsheet cell (CSV or XLSX). A school's, a person's or a campaign's name is typed by
/// users, and a CSV cell that starts with «=», «+», «-» or «@» (or a tab or a carriage return, which Excel skips before one)
/// is read by Excel and LibreOffice as a formula: <c>=1+2+cmd|' /C calc'!A0</c> in a school's name would run on the
/// institute's computer (CSV injection, OWASP). Such a text is written with a leading «'», the usual remedy: the reader sees
/// the text, and nothing is computed. Numbers written as numbers never pass through here, so a negative figure stays a number.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The text as a cell may hold it: with «'» before a leading «=», «+», «-», «@», tab or carriage return.</summary>
    public static string Safe(string? text) =>
        string.IsNullOrEmpty(text) ? "" : IsFormulaStart(text[0]) ? "'" + text : text;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
