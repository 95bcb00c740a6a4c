using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Domain;

namespace Platform.Mentoring.RoadMaps.Documents;

/// <summary>
/// The road map as schools file it (seeds 000 and 003): a title with the organisation and the school years, then one table —
/// «№ п/п», «Мероприятие», «Сроки», «Ответственные», «Ожидаемый результат» — with a row per stage across the table and its
/// activities numbered within it. A4 landscape (five columns of text), page numbers in the footer, Times New Roman 12.
/// The plan only, not the statuses: the same road map gives the same bytes, whatever the day it is printed.
/// </summary>
public static class RoadMapDocument
{
    private const string Font = "Times New Roman";

    // Widths in twentieths of a point: A4 landscape (16838) less 2 cm margins (1134 each side) = 14570.
    private static readonly int[] Columns = [800, 5200, 2300, 2970, 3300];

    /// <param name="stamp">When the road map last changed: the timestamp of the file's entries.</param>
    public static byte[] Write(RoadMapView map, string organisation, DateTimeOffset stamp)
    {
        using var raw = new MemoryStream();
        using (var document = WordprocessingDocument.Create(raw, WordprocessingDocumentType.Document))
        {
            // Fixed relationship ids: generated ones would differ on every download.
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
            var footer = main.AddNewPart<FooterPart>("rId1");
            footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new SimpleField(Run("1")) { Instruction = " PAGE " }));
            main.Document = new Document(new Body(
                Paragraph("Дорожная карта", bold: true, center: true, size: 28),
                Paragraph(map.Title, bold: true, center: true),
                Paragraph($"{organisation} · {map.SchoolYears}", center: true),
                Table(map),
                new SectionProperties(
                    new FooterReference { Type = HeaderFooterValues.Default, Id = "rId1" },
                    new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                    new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 })));
        }
        return DeterministicZip.Rewrite(raw.ToArray(), stamp);
    }

    private static Table Table(RoadMapView map)
    {
        var border = BorderValues.Single;
        var table = new Table(new TableProperties(
            new TableWidth { Width = Columns.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
            new TableBorders(new TopBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 }, new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(Columns.Select(w => new GridColumn { Width = w.ToString() })));
        table.Append(Row(header: true, "№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат"));
        for (var s = 0; s < map.Stages.Count; s++)
        {
            var stage = map.Stages[s];
            table.Append(new TableRow(Cell($"{s + 1}. {stage.Title}", Columns.Sum(), bold: true, span: Columns.Length)));
            for (var a = 0; a < stage.Activities.Count; a++)
            {
                var x = stage.Activities[a];
                var responsible = string.Join(", ", new[] { string.Join(", ", x.ResponsibleRoleNames), x.Responsible }.Where(t => !string.IsNullOrWhiteSpace(t)));
                table.Append(Row(header: false, $"{s + 1}.{a + 1}", x.Content is { Length: > 0 } c ? $"{x.Title}. {c}" : x.Title,
                    x.PeriodText ?? "", responsible, x.ExpectedResult ?? ""));
            }
        }
        return table;
    }

    private static TableRow Row(bool header, params string[] texts)
    {
        var row = new TableRow(texts.Select((t, i) => Cell(t, Columns[i], bold: header)));
        if (header) row.PrependChild(new TableRowProperties(new TableHeader()));
        return row;
    }

    private static TableCell Cell(string text, int width, bool bold, int span = 1)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        return new TableCell(properties, Paragraph(text, bold));
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool center = false, int size = 24)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "60" });
        if (center) properties.Append(new Justification { Val = JustificationValues.Center });
        return new Paragraph(properties, Run(text, bold, size));
    }

    private static Run Run(string text, bool bold = false, int size = 24)
    {
        var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font }, new FontSize { Val = size.ToString() });
        if (bold) properties.Append(new Bold());
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
