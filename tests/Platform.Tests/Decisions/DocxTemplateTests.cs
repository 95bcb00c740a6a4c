using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Templates;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.LocalActs.Documents;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>
/// A district's own template: placeholders split over Word's runs are found and filled, a table row repeats per item, the
/// rest of the text keeps its runs; a template is checked against the kind's fields before it is kept.
/// </summary>
public sealed class DocxTemplateTests
{
    private static readonly DocumentKind Kind = PairOrderDocument.Kind;

    private static DocumentFields Fields(int pairs) => new DocumentFields()
        .Set("organisation", "МБОУ «СОШ № 1» г. Сыктывкара").Set("head", "Директор").Set("date", "01.09.2025").Set("number", "№ 21/1")
        .Set("title", "Об утверждении наставнических пар")
        .Table("pairs", Enumerable.Range(1, pairs).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["number"] = $"{i}", ["mentor"] = $"Наставникова {i}", ["mentees"] = $"Наставляемый {i}", ["form"] = "педагог — педагог", ["kind"] = "традиционная",
            ["from"] = "01.09.2025",
        }));

    /// <summary>A template as Word leaves it: the organisation's placeholder split over three runs, a bold run around the number, a table.</summary>
    private static byte[] Template(params OpenXmlElement[] extra)
    {
        var columns = new[] { 1000, 4000, 4000 };
        return Docx.Write(
        [
            new Paragraph(new Run(new Text("Управление образования: {{orga")), new Run(new Text("nisa")), new Run(new Text("tion}} — приказ"))),
            new Paragraph(new Run(new Text("от {{date}} ")), new Run(new RunProperties(new Bold()), new Text("{{number}}"))),
            Docx.Table(columns, [
                Docx.Row(columns, header: true, "№", "Наставник", "Наставляемые"),
                Docx.Row(columns, header: false, "{{pairs.number}}", "{{ pairs.mentor }}", "{{pairs.mentees}}"),
            ]),
            .. extra,
        ], landscape: false, Now);
    }

    private static List<string> Paragraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        return document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
    }

    [Fact]
    public void Placeholders_split_over_runs_are_filled_and_a_table_row_repeats_per_pair()
    {
        var filled = DocxTemplate.Fill(Template(), Fields(pairs: 3), Now);
        var text = Paragraphs(filled);
        text.ShouldContain("Управление образования: МБОУ «СОШ № 1» г. Сыктывкара — приказ");
        text.ShouldContain("от 01.09.2025 № 21/1");
        text.Count(t => t.StartsWith("Наставникова ")).ShouldBe(3);
        text.ShouldContain("Наставляемый 3");
        text.ShouldNotContain(t => t.Contains("{{"));
        using var document = WordprocessingDocument.Open(new MemoryStream(filled), isEditable: false);
        document.MainDocumentPart!.Document!.Body!.Descendants<Run>().Single(r => r.InnerText == "№ 21/1").RunProperties!.Bold.ShouldNotBeNull();
    }

    [Fact]
    public void No_pairs_leave_no_row_and_the_same_data_gives_the_same_bytes()
    {
        Paragraphs(DocxTemplate.Fill(Template(), Fields(pairs: 0), Now)).ShouldNotContain(t => t.Contains("pairs"));
        DocxTemplate.Fill(Template(), Fields(2), Now).ShouldBe(DocxTemplate.Fill(Template(), Fields(2), Now));
    }

    [Fact]
    public void A_paragraph_outside_tables_repeats_too()
    {
        var filled = DocxTemplate.Fill(Template(new Paragraph(new Run(new Text("Закрепить: {{pairs.mentor}} — {{pairs.mentees}}")))), Fields(2), Now);
        Paragraphs(filled).ShouldContain("Закрепить: Наставникова 2 — Наставляемый 2");
    }

    [Fact]
    public void The_template_lists_its_placeholders_and_the_starter_holds_every_field_of_the_kind()
    {
        DocxTemplate.Placeholders(Template()).ShouldBe(["organisation", "date", "number", "pairs.number", "pairs.mentor", "pairs.mentees"]);
        DocxTemplate.Placeholders(DocxTemplate.Starter(Kind, Now)).ShouldBe(Kind.Placeholders.Select(p => p.Name), ignoreOrder: true);
        Should.NotThrow(() => DocxTemplate.Check(Kind, "Приказ района.docx", DocxTemplate.Starter(Kind, Now)));
    }

    [Fact]
    public void A_template_with_a_field_of_another_document_or_without_fields_or_not_a_docx_is_refused()
    {
        Invalid(() => DocxTemplate.Check(Kind, "шаблон.docx", Template(new Paragraph(new Run(new Text("{{school_years}}"))))))["file"][0]
            .ShouldContain("{{school_years}}");
        Invalid(() => DocxTemplate.Check(Kind, "шаблон.docx", Docx.Write([Docx.Paragraph("Приказ")], false, Now)))["file"][0]
            .ShouldContain("нет ни одного поля");
        Invalid(() => DocxTemplate.Check(Kind, "шаблон.docx", "PK\u0003\u0004 не архив"u8.ToArray()))["file"][0].ShouldContain("не открывается");
        Invalid(() => DocxTemplate.Check(Kind, "шаблон.doc", Template()))["file"][0].ShouldContain("DOCX");
        Invalid(() => DocxTemplate.Check(Kind, "шаблон.docx", []))["file"][0].ShouldContain("пуст");
    }

    [Fact]
    public void Every_document_fills_exactly_the_placeholders_it_declares()
    {
        foreach (var kind in DocumentKinds.All)
        {
            kind.Placeholders.Select(p => p.Name).ShouldBeUnique();
            kind.Placeholders.ShouldAllBe(p => p.Description.Length > 0);
        }
        var order = LocalAct.Create(new LocalActRegistered(Guid.NewGuid(), LocalActKind.PairApproval, "21/1", new DateOnly(2025, 9, 1), "О парах", null));
        PairOrderDocument.Fields(order, "Школа", "Директор", [new FixedPair("Наставникова", ["Наставляемый"], "педагог — педагог", "традиционная", null)])
            .Names().ShouldBe(Kind.Placeholders.Select(p => p.Name), ignoreOrder: true);
    }
}
