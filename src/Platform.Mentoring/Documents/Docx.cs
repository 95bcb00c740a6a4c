using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Domain;

namespace Platform.Mentoring.Documents;

/// <summary>
/// The school's documents as Word files (DocumentFormat.OpenXml): A4 with 2 cm margins, Times New Roman 12, page numbers in
/// the footer, tables with single borders. Fixed relationship ids and <see cref="DeterministicZip"/>: the same data, the same bytes.
/// </summary>
public static class Docx
{
    private const string Font = "Times New Roman";

    /// <summary>The text width in twentieths of a point: A4 less 2 cm margins on each side.</summary>
    public static int Width(bool landscape) => (landscape ? 16838 : 11906) - 2 * 1134;

    /// <param name="stamp">When the data last changed: the timestamp of the file's entries.</param>
    public static byte[] Write(IEnumerable<OpenXmlElement> content, bool landscape, DateTimeOffset stamp)
    {
        using var raw = new MemoryStream();
        using (var document = WordprocessingDocument.Create(raw, WordprocessingDocumentType.Document))
        {
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
            var footer = main.AddNewPart<FooterPart>("rId1");
            footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new SimpleField(Run("1")) { Instruction = " PAGE " }));
            var body = new Body(content);
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = "rId1" },
                landscape
                    ? new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape }
                    : new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return DeterministicZip.Rewrite(raw.ToArray(), stamp);
    }

    public static Table Table(int[] columns, IEnumerable<TableRow> rows)
    {
        var border = BorderValues.Single;
        var table = new Table(new TableProperties(
            new TableWidth { Width = columns.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
            new TableBorders(new TopBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 }, new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(columns.Select(w => new GridColumn { Width = w.ToString() })));
        table.Append(rows);
        return table;
    }

    /// <summary>A row of cells, one per column; a header row repeats on every page.</summary>
    public static TableRow Row(int[] columns, bool header, params string[] texts) => Row(columns, header, 24, texts);

    /// <summary>A row in a smaller font (<paramref name="size"/> in half-points): a wide table of figures.</summary>
    public static TableRow Row(int[] columns, bool header, int size, params string[] texts)
    {
        var row = new TableRow(texts.Select((t, i) => Cell(t, columns[i], bold: header, size: size)));
        if (header) row.PrependChild(new TableRowProperties(new TableHeader()));
        return row;
    }

    /// <summary>A row of one cell across the table (a stage of a road map).</summary>
    public static TableRow Across(int[] columns, string text) => new(Cell(text, columns.Sum(), bold: true, span: columns.Length));

    private static TableCell Cell(string text, int width, bool bold, int span = 1, int size = 24)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        return new TableCell(properties, Paragraph(text, bold, size: size));
    }

    public static Paragraph Paragraph(string text, bool bold = false, bool center = false, int size = 24, bool right = false)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "60" });
        if (center || right) properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Right });
        return new Paragraph(properties, Run(text, bold, size));
    }

    public static Run Run(string text, bool bold = false, int size = 24)
    {
        var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font }, new FontSize { Val = size.ToString() });
        if (bold) properties.Append(new Bold());
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
