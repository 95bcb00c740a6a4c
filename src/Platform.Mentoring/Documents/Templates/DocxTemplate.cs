using System.IO.Compression;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Domain;

namespace Platform.Mentoring.Documents.Templates;

/// <summary>
/// A district's own Word template: «{{organisation}}» anywhere in the text (body, headers, footers) takes the field's value; a
/// table row — or a paragraph outside tables — holding «{{pairs.mentor}}» repeats once per item of the table «pairs». Word
/// splits typed text into runs at will («{{organ» + «isation}}»), so a placeholder is found in a paragraph's whole text and
/// its value goes into the run where it starts: the text keeps that run's formatting.
/// </summary>
public static partial class DocxTemplate
{
    public const long MaxSize = 5 * 1024 * 1024;

    /// <summary>A zip bomb is refused before Word's parts are parsed: the unpacked parts together stay under this.</summary>
    private const long MaxUnpacked = 50 * 1024 * 1024;

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]{1,80})\s*\}\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Checks an uploaded template against the kind: a DOCX that opens, with at least one placeholder and only the kind's own.</summary>
    public static void Check(DocumentKind kind, string? fileName, byte[] content)
    {
        new Validation()
            .Require(content.Length > 0, "file", "Файл пуст.")
            .Require(content.Length <= MaxSize, "file", "Шаблон больше 5 МБ: уменьшите картинки в нём.")
            .Require(string.Equals(Path.GetExtension(fileName ?? ""), ".docx", StringComparison.OrdinalIgnoreCase), "file",
                "Шаблон — документ Word в формате DOCX (в Word: «Сохранить как» → «Документ Word (*.docx)»).")
            .ThrowIfInvalid();
        IReadOnlyCollection<string> used;
        try
        {
            used = Placeholders(content);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or FileFormatException or NotSupportedException)
        {
            throw Refused("Файл не открывается как документ Word (DOCX): он повреждён или это другой формат.");
        }
        var known = kind.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = used.Where(u => !known.Contains(u)).ToList();
        if (unknown.Count > 0)
            throw Refused($"В шаблоне есть поля, которых нет в документе «{kind.Name}»: {string.Join(", ", unknown.Select(u => $"{{{{{u}}}}}"))}. " +
                "Список полей — на этой странице.");
        if (used.Count == 0)
            throw Refused($"В шаблоне нет ни одного поля: вставьте в текст поля документа, например {{{{{kind.Placeholders[0].Name}}}}}.");
    }

    private static DomainValidationException Refused(string message) => new(new Dictionary<string, string[]> { ["file"] = [message] });

    /// <summary>The placeholder names a template holds, in the order they first appear.</summary>
    public static IReadOnlyCollection<string> Placeholders(byte[] content)
    {
        CheckUnpackedSize(content);
        using var stream = new MemoryStream(content, writable: false);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var names = new List<string>();
        foreach (var root in Roots(document))
        foreach (var paragraph in root.Descendants<Paragraph>())
        foreach (Match m in PlaceholderPattern().Matches(Text(paragraph)))
            if (!names.Contains(m.Groups[1].Value)) names.Add(m.Groups[1].Value);
        return names;
    }

    /// <param name="stamp">When the data or the template last changed: the same template and data give the same bytes.</param>
    public static byte[] Fill(byte[] template, DocumentFields fields, DateTimeOffset stamp)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        stream.Position = 0;
        using (var document = WordprocessingDocument.Open(stream, isEditable: true))
        {
            foreach (var root in Roots(document))
            {
                RepeatRows(root, fields);
                foreach (var paragraph in root.Descendants<Paragraph>().ToList())
                    Replace(paragraph, name => fields.Values.GetValueOrDefault(name));
            }
            document.Save();
        }
        return DeterministicZip.Rewrite(stream.ToArray(), stamp);
    }

    private static void CheckUnpackedSize(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Sum(e => e.Length) > MaxUnpacked) throw Refused("Шаблон после распаковки больше 50 МБ: такой документ Word не принимается.");
    }

    private static IEnumerable<OpenXmlPartRootElement> Roots(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart ?? throw new InvalidDataException("No main document part");
        if (main.Document is { } body) yield return body;
        foreach (var header in main.HeaderParts) if (header.Header is { } h) yield return h;
        foreach (var footer in main.FooterParts) if (footer.Footer is { } f) yield return f;
    }

    /// <summary>Each table row (or paragraph outside a table) with a «{{table.column}}» becomes one copy per item; none when the table is empty.</summary>
    private static void RepeatRows(OpenXmlElement root, DocumentFields fields)
    {
        var repeated = root.Descendants<Paragraph>()
            .Select(p => (Paragraph: p, Table: TableOf(Text(p))))
            .Where(x => x.Table is not null)
            .Select(x => (Element: (OpenXmlElement?)x.Paragraph.Ancestors<TableRow>().FirstOrDefault() ?? x.Paragraph, Table: x.Table!))
            .DistinctBy(x => x.Element)
            .ToList();
        foreach (var (element, table) in repeated)
        {
            var rows = fields.Tables.GetValueOrDefault(table) ?? [];
            foreach (var row in rows)
            {
                var copy = (OpenXmlElement)element.CloneNode(deep: true);
                foreach (var paragraph in copy.Descendants<Paragraph>().Concat(copy is Paragraph p ? [p] : []).ToList())
                    Replace(paragraph, name => name.StartsWith(table + ".", StringComparison.Ordinal) ? row.GetValueOrDefault(name[(table.Length + 1)..]) : null);
                element.InsertBeforeSelf(copy);
            }
            element.Remove();
        }
    }

    private static string? TableOf(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).FirstOrDefault(n => n.Contains('.')) is { } name ? name[..name.IndexOf('.')] : null;

    private static string Text(Paragraph paragraph) => string.Concat(paragraph.Descendants<Text>().Select(t => t.Text));

    /// <summary>Replaces the placeholders <paramref name="value"/> knows, last first so that earlier offsets stay valid; the others stay as typed.</summary>
    private static void Replace(Paragraph paragraph, Func<string, string?> value)
    {
        var texts = paragraph.Descendants<Text>().ToList();
        var whole = string.Concat(texts.Select(t => t.Text));
        var matches = PlaceholderPattern().Matches(whole);
        if (matches.Count == 0) return;
        var starts = new int[texts.Count];
        for (int i = 0, at = 0; i < texts.Count; at += texts[i].Text.Length, i++) starts[i] = at;
        foreach (var m in matches.Reverse())
        {
            if (value(m.Groups[1].Value) is not { } replacement) continue;
            int first = Locate(starts, texts, m.Index), last = Locate(starts, texts, m.Index + m.Length - 1);
            int from = m.Index - starts[first], to = m.Index + m.Length - starts[last];
            var tail = texts[last].Text[to..];
            for (var i = first + 1; i <= last; i++) texts[i].Text = "";
            texts[first].Text = texts[first].Text[..from] + replacement.ReplaceLineEndings(" ") + (first == last ? tail : "");
            if (first != last) texts[last].Text = tail;
            texts[first].Space = SpaceProcessingModeValues.Preserve;
            texts[last].Space = SpaceProcessingModeValues.Preserve;
        }
    }

    private static int Locate(int[] starts, List<Text> texts, int offset)
    {
        var i = Array.BinarySearch(starts, offset);
        if (i < 0) i = ~i - 1;
        while (i < texts.Count - 1 && texts[i].Text.Length == 0 && starts[i + 1] == offset) i++;
        return i;
    }

    /// <summary>A template to start from: every field of the kind once, the tables as one row of placeholders under a header.</summary>
    public static byte[] Starter(DocumentKind kind, DateTimeOffset stamp)
    {
        var values = kind.Placeholders.Where(p => !p.Name.Contains('.')).ToList();
        var tables = kind.Placeholders.Where(p => p.Name.Contains('.')).GroupBy(p => p.Name[..p.Name.IndexOf('.')]).ToList();
        var content = new List<OpenXmlElement> { Docx.Paragraph(kind.Name, bold: true, center: true, size: 28) };
        content.AddRange(values.Select(p => Docx.Paragraph($"{p.Description}: {{{{{p.Name}}}}}")));
        foreach (var table in tables)
        {
            var columns = table.Select(_ => Docx.Width(landscape: false) / table.Count()).ToArray();
            content.Add(Docx.Paragraph(""));
            content.Add(Docx.Table(columns, [
                Docx.Row(columns, header: true, table.Select(p => p.Description).ToArray()),
                Docx.Row(columns, header: false, table.Select(p => $"{{{{{p.Name}}}}}").ToArray()),
            ]));
        }
        return Docx.Write(content, landscape: false, stamp);
    }
}
