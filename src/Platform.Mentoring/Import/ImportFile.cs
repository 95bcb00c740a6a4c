using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.Mentoring.Import;

/// <summary>One line of the list: its number as the file shows it (the header is usually row 1) and its cells, trimmed.</summary>
public sealed record ImportRow(int Number, string[] Cells)
{
    public string Cell(int column) => column < Cells.Length ? Cells[column] : "";
}

/// <summary>A list read from a file: the header row, the data rows and how the file was read.</summary>
/// <param name="Encoding">CSV only: utf-8 or windows-1251.</param>
/// <param name="Separator">CSV only: «;», «,» or a tab.</param>
public sealed record ImportTable(string Format, string? Encoding, string? Separator, ImportRow Header, IReadOnlyList<ImportRow> Rows);

/// <summary>
/// Reads a staff or student list: CSV (UTF-8 with or without BOM, else Windows-1251; separator «;», «,» or tab, taken
/// from the header line) or XLSX (the first sheet). Lists come from school offices as Excel saves them, so the
/// encoding and separator are detected, never asked for. Whatever cannot be read is a 400 on the «file» field.
/// </summary>
public static class ImportFile
{
    public const int MaxSize = 5 * 1024 * 1024;
    public const int MaxRows = 5_000;
    // An XLSX is a ZIP: a small file may unpack to a great deal of XML. Real lists of 5,000 rows stay far below this.
    private const long MaxUnpackedSize = 100L * 1024 * 1024;
    // Excel 97–2003's width (A…IV): far wider than any list, and a row's cells are held up to its last column, so a cell
    // at column 1,000,000 («ALLKJ1») would cost megabytes per row in a file of a few kilobytes. Empty cells beyond are
    // skipped (Excel writes formatted empty cells); a value beyond is refused.
    public const int MaxColumns = 256;

    static ImportFile() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportTable Read(string? fileName, byte[] content)
    {
        if (content.Length == 0) throw Invalid("Файл пустой.");
        if (content.Length > MaxSize) throw Invalid("Файл больше 5 МБ: разделите список на части.");
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (content is [0x50, 0x4B, 0x03, 0x04, ..])
            return extension is "" or ".xlsx" or ".xlsm" ? ReadXlsx(content) : throw Invalid("Загрузите список в CSV или XLSX.");
        if (content is [0xD0, 0xCF, 0x11, 0xE0, ..] || extension == ".xls")
            throw Invalid("Формат XLS (Excel 97–2003) не поддерживается: сохраните список как «Книга Excel (.xlsx)» или «CSV».");
        if (extension is not ("" or ".csv" or ".txt"))
            throw Invalid("Загрузите список в CSV (UTF-8 или Windows-1251, разделитель «;» или «,») или XLSX.");
        return ReadCsv(content);
    }

    internal static DomainValidationException Invalid(string message) => new(new Dictionary<string, string[]> { ["file"] = [message] });

    // ---- CSV ----

    private static ImportTable ReadCsv(byte[] content)
    {
        var (text, encoding) = Decode(content);
        var separator = DetectSeparator(text);
        var records = ParseCsv(text, separator);
        return Table("csv", encoding, separator == '\t' ? "tab" : separator.ToString(), records);
    }

    /// <summary>Strict UTF-8 first (a BOM is skipped); bytes that are not UTF-8 are Windows-1251, as Excel saves «CSV» on Russian Windows.</summary>
    internal static (string Text, string Encoding) Decode(byte[] content)
    {
        if (content is [0xFF, 0xFE, ..]) return (System.Text.Encoding.Unicode.GetString(content, 2, content.Length - 2), "utf-16");
        var start = content is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, start, content.Length - start), "utf-8");
        }
        catch (DecoderFallbackException) when (start == 0)
        {
            return (System.Text.Encoding.GetEncoding(1251).GetString(content), "windows-1251");
        }
        catch (DecoderFallbackException)
        {
            throw Invalid("Файл помечен как UTF-8, но содержит недопустимые байты: сохраните его заново.");
        }
    }

    /// <summary>The separator most frequent in the header line outside quotes; «;» wins a tie (Excel's choice for Russian settings).</summary>
    private static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch is '\n' or '\r')
            {
                if (semicolons + commas + tabs > 0) break;
            }
            else if (!quoted && ch == ';') semicolons++;
            else if (!quoted && ch == ',') commas++;
            else if (!quoted && ch == '\t') tabs++;
        }
        return tabs > semicolons && tabs > commas ? '\t' : commas > semicolons ? ',' : ';';
    }

    /// <summary>RFC 4180 with quotes («""» inside quotes is a quote; a quoted field may span lines). Row numbers are the lines where records start.</summary>
    private static List<ImportRow> ParseCsv(string text, char separator)
    {
        var records = new List<ImportRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        var quoted = false;
        void EndCell() { cells.Add(cell.ToString()); cell.Clear(); }
        void EndRecord()
        {
            EndCell();
            records.Add(new ImportRow(recordLine, [.. cells]));
            cells.Clear();
            if (records.Count > MaxRows + 100) throw TooManyRows();
        }
        while (i < text.Length)
        {
            var ch = text[i++];
            if (quoted)
            {
                if (ch == '"' && i < text.Length && text[i] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else
                {
                    if (ch == '\n') line++;
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.ToString().Trim().Length == 0) { cell.Clear(); quoted = true; }
            else if (ch == separator) EndCell();
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i < text.Length && text[i] == '\n') i++;
                EndRecord();
                recordLine = ++line;
            }
            else cell.Append(ch);
        }
        if (cell.Length > 0 || cells.Count > 0) EndRecord();
        return records;
    }

    // ---- XLSX ----

    // The sheet and its shared strings are read as XML streams, a cell at a time: loading a row or the strings table as
    // objects costs far more than its packed bytes (a row of a million «<c/>» is a few kilobytes zipped).
    private static ImportTable ReadXlsx(byte[] content)
    {
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read))
                if (zip.Entries.Sum(e => e.Length) > MaxUnpackedSize) throw Invalid("Файл XLSX слишком велик в распакованном виде: разделите список на части.");

            using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var workbook = document.WorkbookPart ?? throw Invalid("В файле XLSX нет книги Excel.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw Invalid("В книге Excel нет листов.");
            var part = sheet.Id?.Value is { } id ? workbook.GetPartById(id) as WorksheetPart : null;
            if (part is null) throw Invalid("Первый лист книги — не таблица (например, диаграмма): поставьте список на первый лист.");
            string[] shared = [];
            if (workbook.SharedStringTablePart is { } strings)
                using (var stream = strings.GetStream(FileMode.Open, FileAccess.Read))
                    shared = ReadSharedStrings(stream);
            using (var stream = part.GetStream(FileMode.Open, FileAccess.Read))
                return Table("xlsx", null, null, ReadSheet(stream, shared));
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or IOException)
        {
            throw Invalid("Файл XLSX повреждён или это не книга Excel: откройте его в Excel и сохраните заново.");
        }
    }

    // Excel's own limit (XFD): a row with more cells was not written by a spreadsheet.
    private const int ExcelColumns = 16_384;
    // More distinct texts than a list of MaxRows × MaxColumns cells can hold.
    private const int MaxSharedStrings = (MaxRows + 100) * MaxColumns;

    private static XmlReader Xml(Stream stream) =>
        XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true });

    private static List<ImportRow> ReadSheet(Stream stream, string[] shared)
    {
        var records = new List<ImportRow>();
        var previous = 0;
        using var xml = Xml(stream);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row") continue;
            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : previous + 1;
            previous = number;
            var cells = new List<string>();
            if (!xml.IsEmptyElement)
            {
                int depth = xml.Depth, next = 0, elements = 0;
                while (xml.Read() && xml.Depth > depth)
                {
                    if (xml.NodeType != XmlNodeType.Element || xml.Depth != depth + 1 || xml.LocalName != "c") continue;
                    if (++elements > ExcelColumns) throw Invalid($"В строке {number} больше {ExcelColumns:N0} ячеек — столько не бывает в Excel: откройте файл в Excel и сохраните заново.");
                    var reference = xml.GetAttribute("r");
                    var column = reference is not null ? ColumnIndex(reference) : next;
                    next = column + 1;
                    var text = CellText(xml, shared);
                    if (column >= MaxColumns)
                    {
                        if (text.Trim().Length == 0) continue;
                        throw Invalid($"Ячейка {reference ?? $"в строке {number}"} заполнена правее столбца IV: в списке может быть " +
                            $"не больше {MaxColumns} столбцов. Удалите лишние столбцы справа или перенесите список на новый лист.");
                    }
                    while (cells.Count < column) cells.Add("");
                    if (cells.Count == column) cells.Add(text);
                }
            }
            records.Add(new ImportRow(number, [.. cells]));
            if (records.Count > MaxRows + 100) throw TooManyRows();
        }
        return records;
    }

    /// <summary>The texts of «sst»: each «si» is its «t» texts (rich text runs joined; phonetic hints left out).</summary>
    private static string[] ReadSharedStrings(Stream stream)
    {
        var texts = new List<string>();
        using var xml = Xml(stream);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si") continue;
            if (texts.Count >= MaxSharedStrings) throw Invalid("В файле XLSX слишком много разных текстов для списка: разделите список на части.");
            texts.Add(Texts(xml));
        }
        return [.. texts];
    }

    /// <summary>«B12» → 1; a reference past <see cref="MaxColumns"/> is read no further (it cannot overflow).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (index > MaxColumns) return MaxColumns;
        }
        return Math.Max(index - 1, 0);
    }

    /// <summary>The text of the «c» element the reader is on; the reader is left on its end.</summary>
    private static string CellText(XmlReader xml, string[] shared)
    {
        var type = xml.GetAttribute("t");
        StringBuilder? value = null;
        string? inline = null;
        if (!xml.IsEmptyElement)
        {
            int depth = xml.Depth, inValue = -1;
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1)
                {
                    if (xml.LocalName == "v")
                    {
                        value = new StringBuilder();
                        if (!xml.IsEmptyElement) inValue = xml.Depth;
                    }
                    else if (xml.LocalName == "is") inline = Texts(xml);
                }
                else if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == inValue) inValue = -1;
                else if (inValue >= 0 && IsText(xml)) value!.Append(xml.Value);
            }
        }
        var raw = value?.ToString();
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "";
            case "inlineStr": return inline ?? "";
            case "b": return raw == "1" ? "да" : "нет";
            case "e": return "";
        }
        if (type is null or "n" && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            // Whole numbers as Excel shows them (2012, not 2012.0); others with the invariant point.
            return number == Math.Floor(number) && Math.Abs(number) < 1e15
                ? ((long)number).ToString(CultureInfo.InvariantCulture)
                : number.ToString("R", CultureInfo.InvariantCulture);
        return raw ?? "";
    }

    /// <summary>
    /// The «t» texts inside the element the reader is on («si» or «is»): rich text runs joined, phonetic hints («rPh») left
    /// out. The reader is left on the element's end.
    /// </summary>
    private static string Texts(XmlReader xml)
    {
        if (xml.IsEmptyElement) return "";
        var text = new StringBuilder();
        int depth = xml.Depth, phonetic = -1, inText = -1;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement)
            {
                if (xml.LocalName == "rPh" && phonetic < 0) phonetic = xml.Depth;
                else if (xml.LocalName == "t" && inText < 0) inText = xml.Depth;
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                if (xml.Depth == phonetic) phonetic = -1;
                if (xml.Depth == inText) inText = -1;
            }
            else if (inText >= 0 && phonetic < 0 && IsText(xml)) text.Append(xml.Value);
        }
        return text.ToString();
    }

    private static bool IsText(XmlReader xml) =>
        xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace;

    // ---- both ----

    /// <summary>
    /// The header is the first row, among the first ten non-empty ones, with a known column header (a title such as
    /// «Список педагогов» above it is skipped), else the first non-empty row. Empty rows are skipped; every row keeps its number.
    /// </summary>
    private static ImportTable Table(string format, string? encoding, string? separator, List<ImportRow> records)
    {
        var rows = records.Select(r => r with { Cells = r.Cells.Select(c => c.Trim()).ToArray() })
            .Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0) throw Invalid("В файле нет ни одной строки: первой строкой должны идти заголовки столбцов, например «ФИО».");
        var header = rows.Take(10).ToList().FindIndex(ImportColumns.LooksLikeHeader);
        if (header < 0) header = 0;
        if (rows.Count - header - 1 > MaxRows) throw TooManyRows();
        if (rows.Count == header + 1) throw Invalid("В файле есть только строка заголовков: добавьте строки со списком.");
        return new ImportTable(format, encoding, separator, rows[header], rows.Skip(header + 1).ToList());
    }

    private static DomainValidationException TooManyRows() => Invalid("В файле больше 5 000 строк: разделите список на части.");
}
