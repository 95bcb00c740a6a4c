using System.Text.Json;

namespace Platform.Mentoring.LocalActs;

/// <summary>What a local act (локальный акт) or order (приказ) of the school decides.</summary>
public enum LocalActKind { Regulation, RoadMapApproval, PairApproval, CuratorAppointment, Encouragement, FinalEvent, Other }

public static class LocalActKinds
{
    public static string Russian(this LocalActKind kind) => kind switch
    {
        LocalActKind.Regulation => "Положение о системе наставничества",
        LocalActKind.RoadMapApproval => "Приказ об утверждении дорожной карты",
        LocalActKind.PairApproval => "Приказ о закреплении наставнических пар (групп)",
        LocalActKind.CuratorAppointment => "Приказ о назначении куратора",
        LocalActKind.Encouragement => "Приказ о поощрении",
        LocalActKind.FinalEvent => "Приказ о проведении итогового мероприятия",
        _ => "Иной локальный акт",
    };

    /// <summary>The code stored in mentoring.local_acts.kind and used in the API: snake_case, as the JSON enums.</summary>
    public static string Code(this LocalActKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>Accepts the code («road_map_approval») or the name («RoadMapApproval»).</summary>
    public static bool TryParse(string? code, out LocalActKind kind) =>
        Platform.EventStore.StoredCode.TryParse(code, out kind);

    public static LocalActKind Parse(string code) => TryParse(code, out var k) ? k : throw new Platform.EventStore.UnknownStoredValueException("local act kind", code);
}

// A local act or order of one school: kind, number («360/1», «30-9 о/д»), date, title, an optional note, scans attached.
// One stream per act; tenant = the school. A repealed act (отменён, утратил силу) stays on record.

public sealed record LocalActRegistered(Guid LocalActId, LocalActKind Kind, string Number, DateOnly Date, string Title, string? Note);
public sealed record LocalActChanged(LocalActKind Kind, string Number, DateOnly Date, string Title, string? Note);
public sealed record LocalActRepealed(DateOnly RepealedOn, string Reason);
public sealed record LocalActAttachmentAdded(Guid FileId, string FileName, string ContentType, long Size, string Sha256);
public sealed record LocalActAttachmentRemoved(Guid FileId, string FileName);

public sealed record LocalActAttachment(Guid Id, string FileName, string ContentType, long Size, string Sha256);

public sealed record LocalAct(
    Guid Id, LocalActKind Kind, string Number, DateOnly Date, string Title, string? Note,
    DateOnly? RepealedOn, string? RepealReason, IReadOnlyList<LocalActAttachment> Attachments)
{
    public bool IsRepealed => RepealedOn is not null;

    public static LocalAct Create(LocalActRegistered e) => new(e.LocalActId, e.Kind, e.Number, e.Date, e.Title, e.Note, null, null, []);

    public LocalAct Apply(LocalActChanged e) => this with { Kind = e.Kind, Number = e.Number, Date = e.Date, Title = e.Title, Note = e.Note };
    public LocalAct Apply(LocalActRepealed e) => this with { RepealedOn = e.RepealedOn, RepealReason = e.Reason };
    public LocalAct Apply(LocalActAttachmentAdded e) =>
        this with { Attachments = [.. Attachments, new LocalActAttachment(e.FileId, e.FileName, e.ContentType, e.Size, e.Sha256)] };
    public LocalAct Apply(LocalActAttachmentRemoved e) => this with { Attachments = Attachments.Where(a => a.Id != e.FileId).ToList() };

    public LocalActAttachment? FindAttachment(Guid fileId) => Attachments.FirstOrDefault(a => a.Id == fileId);

    /// <summary>How documents cite an order: «от 13.11.2023 № 360/1».</summary>
    public static string Citation(string number, DateOnly date) => OrderNumber.Citation(number, date);
}
