using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Publication;
using Platform.Tenancy.Demo;

namespace Platform.Mentoring.Demo;

/// <summary>
/// The demo public pages: МБОУ СОШ № 1 publishes its regulation (with the text of the order attached as a DOCX) and its road map
/// order, one program summary and a news item; the district publishes its order № 237 and a news item. Runs after the acts and
/// programs; skipped for an owner whose section already exists.
/// </summary>
public static class DemoPublication
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    public static async Task SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (await SchoolAsync(store, time, today, ct) | await DistrictAsync(store, today, ct))
            logger.LogInformation("Seeded the demo public pages");
    }

    private static async Task<bool> SchoolAsync(DocumentStore store, TimeProvider time, DateOnly today, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantScope.School(Sosh1));
        session.UserName = "demo-seed";
        if (await session.Events.FetchStreamStateAsync(PublicSection.StreamId(Sosh1), ct) is not null) return false;
        var acts = await session.QueryAsync("SELECT id, kind FROM mentoring.local_acts WHERE tenant_id = $1 AND kind IN ('regulation', 'road_map_approval') ORDER BY kind",
            r => (Id: r.GetGuid(0), Kind: r.GetString(1)), ct, Sosh1);
        if (acts.Count == 0) return false;

        // The regulation's order, as a file: the public page offers it for download.
        var regulation = acts[0].Id;
        var file = AttachmentFiles.Accept("Положение о системе наставничества.docx", RegulationText());
        var fileId = Guid.CreateVersion7();
        var act = (await session.Events.AggregateStreamAsync<LocalAct>(regulation, ct: ct))!;
        await AttachmentFiles.StoreAsync(session, Sosh1, fileId, file, time.GetUtcNow(), ct);
        session.Events.Append(regulation, LocalActCommands.AddAttachment(act, fileId, file));
        await session.SaveChangesAsync(ct);

        var events = new List<object>();
        var section = PublicSection.Empty(Sosh1);
        foreach (var (id, _) in acts)
        {
            var published = PublicationCommands.PublishLocalAct(section, (await session.Events.AggregateStreamAsync<LocalAct>(id, ct: ct))!);
            events.Add(published);
            section = section.Apply(published);
        }
        var programId = (await session.QueryAsync("SELECT id FROM mentoring.programs WHERE tenant_id = $1 ORDER BY start_on, id LIMIT 1", r => r.GetGuid(0), ct, Sosh1))
            .FirstOrDefault();
        if (programId != Guid.Empty && await session.Events.AggregateStreamAsync<MentoringProgram>(programId, ct: ct) is { } program)
            events.Add(PublicationCommands.PublishProgram(program, new PublishProgramSummary("Адаптация молодого педагога в профессии", program.Content.Goal, null, false)));
        events.Add(PublicationCommands.PostNews(Guid.CreateVersion7(), new WriteNews("В школе начала работу система наставничества",
            today.AddDays(-7), "Утверждены положение о системе наставничества и дорожная карта на учебный год.\n"
            + "Сформированы наставнические пары «педагог — педагог»: опытные учителя помогают молодым специалистам в первый год работы."), today));
        await PublicationCommands.DecideAsync(session, Sosh1, _ => [.. events], ct);
        return true;
    }

    private static async Task<bool> DistrictAsync(DocumentStore store, DateOnly today, CancellationToken ct)
    {
        var district = DemoDistrict.DistrictId;
        await using var session = store.LightweightSession(TenantScope.District(district));
        session.UserName = "demo-seed";
        if (await session.Events.FetchStreamStateAsync(PublicSection.StreamId(district), ct) is not null) return false;
        var actIds = await session.QueryAsync("SELECT id FROM mentoring.district_acts WHERE tenant_id = $1 AND repealed_on IS NULL ORDER BY date", r => r.GetGuid(0), ct, district);
        var events = new List<object>();
        var section = PublicSection.Empty(district);
        foreach (var id in actIds)
        {
            var published = PublicationCommands.PublishDistrictAct(section, (await session.Events.AggregateStreamAsync<DistrictAct>(id, ct: ct))!);
            events.Add(published);
            section = section.Apply(published);
        }
        events.Add(PublicationCommands.PostNews(Guid.CreateVersion7(), new WriteNews("Итоги мониторинга системы наставничества",
            today.AddDays(-3), "Школы района направили результаты мониторинга в управление образования до 23 декабря.\n"
            + "Сводные результаты района будут направлены в КРИРО до 28 декабря."), today));
        await PublicationCommands.DecideAsync(session, district, _ => [.. events], ct);
        return true;
    }

    /// <summary>A one-page DOCX with the regulation's title: enough to show a downloadable file on the demo page.</summary>
    private static byte[] RegulationText()
    {
        using var buffer = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(
                Paragraph("МБОУ «СОШ № 1» пгт Троицко-Печорск", bold: true),
                Paragraph("ПОЛОЖЕНИЕ о системе наставничества педагогических работников", bold: true),
                Paragraph("1. Настоящее положение определяет цели, задачи и порядок организации наставничества в школе."),
                Paragraph("2. Наставничество осуществляется на основании приказа руководителя и с согласия наставника и наставляемого.")));
        }
        return buffer.ToArray();
    }

    private static Paragraph Paragraph(string text, bool bold = false) =>
        new(new Run(bold ? new RunProperties(new Bold()) : new RunProperties(), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
}
