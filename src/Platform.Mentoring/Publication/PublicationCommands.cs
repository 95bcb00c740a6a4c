using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;

namespace Platform.Mentoring.Publication;

/// <param name="NameConsent">The participants agreed to the publication of the name (required when a name is given).</param>
public sealed record PublishProgramSummary(string? Title, string? Goal, string? PublishedName, bool NameConsent);

public sealed record WriteNews(string? Title, DateOnly? Date, string? Text);

/// <summary>The decisions about an owner's public section: validate, then return the events. Only what is chosen here is ever public.</summary>
public static class PublicationCommands
{
    public const int TitleMax = 200;
    public const int GoalMax = 1000;
    public const int NameMax = 200;
    public const int NewsTextMax = 4000;

    public static LocalActPublished PublishLocalAct(PublicSection section, LocalAct act)
    {
        if (section.Acts.Contains(act.Id)) throw new DomainRuleException($"Акт {LocalAct.Citation(act.Number, act.Date)} уже опубликован.");
        if (act.IsRepealed) throw new DomainRuleException($"Акт {LocalAct.Citation(act.Number, act.Date)} отменён: отменённые акты не публикуются.");
        return new LocalActPublished(act.Id, act.Kind.Russian(), act.Number, act.Date, act.Title,
            act.Attachments.Select(a => new PublishedFile(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256)).ToArray());
    }

    public static LocalActUnpublished UnpublishLocalAct(PublicSection section, Guid actId) =>
        section.Acts.Contains(actId) ? new LocalActUnpublished(actId) : throw new DomainRuleException("Этот акт не опубликован.");

    public static DistrictActPublished PublishDistrictAct(PublicSection section, DistrictAct act)
    {
        if (section.Acts.Contains(act.Id)) throw new DomainRuleException($"Акт {act.Citation} уже опубликован.");
        if (act.IsRepealed) throw new DomainRuleException($"Акт {act.Citation} отменён: отменённые акты не публикуются.");
        return new DistrictActPublished(act.Id, act.Kind.Russian(), act.Number, act.Date, act.Title);
    }

    public static DistrictActUnpublished UnpublishDistrictAct(PublicSection section, Guid actId) =>
        section.Acts.Contains(actId) ? new DistrictActUnpublished(actId) : throw new DomainRuleException("Этот акт не опубликован.");

    /// <summary>Publishes (or, published again, replaces) a program's summary: the title and goal as the curator wrote them for the public.</summary>
    public static ProgramSummaryPublished PublishProgram(MentoringProgram program, PublishProgramSummary c)
    {
        var name = string.IsNullOrWhiteSpace(c.PublishedName) ? null : c.PublishedName.Trim();
        new Validation()
            .Text(c.Title, "title", "название программы для публикации", TitleMax)
            .Text(c.Goal, "goal", "цель программы", GoalMax)
            .Require(name is null || name.Length <= NameMax, "publishedName", $"Поле «имя для публикации» длиннее {NameMax} символов.")
            .Require(name is null || c.NameConsent, "nameConsent", "Имя публикуется только с согласия участников: отметьте, что согласие получено, или оставьте поле пустым.")
            .ThrowIfInvalid();
        var content = program.Content;
        return new ProgramSummaryPublished(program.Id, c.Title!.Trim(), MentoringForms.Names.GetValueOrDefault(content.Form, content.Form),
            content.Kind.Russian(), program.StartOn, program.EndOn, c.Goal!.Trim(), name);
    }

    public static ProgramSummaryUnpublished UnpublishProgram(PublicSection section, Guid programId) =>
        section.Programs.ContainsKey(programId) ? new ProgramSummaryUnpublished(programId) : throw new DomainRuleException("Эта программа не опубликована.");

    /// <param name="today">Today in the owner's time zone: news is not dated ahead.</param>
    public static NewsPosted PostNews(Guid newsId, WriteNews c, DateOnly today)
    {
        Check(c, today);
        return new NewsPosted(newsId, c.Title!.Trim(), c.Date!.Value, c.Text!.Trim());
    }

    public static object[] EditNews(PublicSection section, Guid newsId, WriteNews c, DateOnly today)
    {
        var item = Find(section, newsId);
        Check(c, today);
        var edited = new NewsEdited(newsId, c.Title!.Trim(), c.Date!.Value, c.Text!.Trim());
        return (edited.Title, edited.Date, edited.Text) == (item.Title, item.Date, item.Text) ? [] : [edited];
    }

    public static NewsUnpublished UnpublishNews(PublicSection section, Guid newsId) =>
        Find(section, newsId).Published ? new NewsUnpublished(newsId) : throw new DomainRuleException("Новость уже снята с публикации.");

    public static NewsRepublished RepublishNews(PublicSection section, Guid newsId) =>
        Find(section, newsId).Published ? throw new DomainRuleException("Новость уже опубликована.") : new NewsRepublished(newsId);

    private static NewsItem Find(PublicSection section, Guid newsId) =>
        section.News.TryGetValue(newsId, out var item) ? item : throw new RecordNotFoundException("Новость не найдена.");

    private static void Check(WriteNews c, DateOnly today) => new Validation()
        .Text(c.Title, "title", "заголовок новости", TitleMax)
        .Text(c.Text, "text", "текст новости", NewsTextMax)
        .Require(c.Date is not null, "date", "Укажите дату новости.")
        .Require(c.Date is null || c.Date <= today, "date", "Дата новости не может быть в будущем.")
        .Require(c.Date is null || c.Date >= new DateOnly(2000, 1, 1), "date", "Дата новости раньше 2000 года.")
        .ThrowIfInvalid();

    /// <summary>
    /// Load, decide, append on the owner's section: the stream is opened by the first publication. The session's tenant is
    /// the owner (a school's or a district's session). Returns the section after the decision.
    /// </summary>
    public static async Task<PublicSection> DecideAsync(DocumentSession session, Guid ownerId, Func<PublicSection, object[]> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<PublicSection>(PublicSection.StreamId(ownerId), ct);
        var state = stream.Aggregate ?? PublicSection.Empty(ownerId);
        var events = decide(state);
        if (events.Length == 0) return state;
        stream.AppendMany(stream.Aggregate is null ? [new PublicSectionOpened(ownerId), .. events] : events);
        await session.SaveChangesAsync(ct);
        return session.Store.Fold(state, events)!;
    }

    /// <summary>Publishes or takes off an act of the owner (a school's local act, or a district's act): the API's and the page's way.</summary>
    public static async Task<PublicSection> SetActAsync(DocumentSession session, Guid ownerId, bool school, Guid actId, bool publish, CancellationToken ct)
    {
        if (!publish)
            return await DecideAsync(session, ownerId, s => [school ? UnpublishLocalAct(s, actId) : UnpublishDistrictAct(s, actId)], ct);
        if (school)
        {
            var act = await session.Events.AggregateStreamAsync<LocalAct>(actId, ct: ct) ?? throw new RecordNotFoundException("Акт не найден.");
            return await DecideAsync(session, ownerId, s => [PublishLocalAct(s, act)], ct);
        }
        var districtAct = await session.Events.AggregateStreamAsync<DistrictAct>(actId, ct: ct) ?? throw new RecordNotFoundException("Акт не найден.");
        return await DecideAsync(session, ownerId, s => [PublishDistrictAct(s, districtAct)], ct);
    }

    public static async Task<PublicSection> PublishProgramAsync(DocumentSession session, Guid schoolId, Guid programId, PublishProgramSummary c, CancellationToken ct)
    {
        var program = await session.Events.AggregateStreamAsync<MentoringProgram>(programId, ct: ct) ?? throw new RecordNotFoundException("Программа не найдена.");
        var published = PublishProgram(program, c);
        return await DecideAsync(session, schoolId, _ => [published], ct);
    }

    public static async Task<PublicSection> LoadAsync(DocumentSession session, Guid ownerId, CancellationToken ct) =>
        await session.Events.AggregateStreamAsync<PublicSection>(PublicSection.StreamId(ownerId), ct: ct) ?? PublicSection.Empty(ownerId);
}
