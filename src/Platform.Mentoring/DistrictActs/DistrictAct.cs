using Platform.Mentoring.LocalActs;
using System.Text.Json;

namespace Platform.Mentoring.DistrictActs;

/// <summary>What an act of the district (Управление образования) is about.</summary>
public enum DistrictActKind { MentoringSystemOrder, WorkingGroup, ModelRoadMap, Other }

public static class DistrictActKinds
{
    public static string Russian(this DistrictActKind kind) => kind switch
    {
        DistrictActKind.MentoringSystemOrder => "Приказ о внедрении системы наставничества",
        DistrictActKind.WorkingGroup => "Приказ о рабочей группе",
        DistrictActKind.ModelRoadMap => "Примерная дорожная карта",
        _ => "Иной акт района",
    };

    /// <summary>The code stored in mentoring.district_acts.kind and used in the API («mentoring_system_order»).</summary>
    public static string Code(this DistrictActKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public static bool TryParse(string? code, out DistrictActKind kind) =>
        Platform.EventStore.StoredCode.TryParse(code, out kind);

    public static DistrictActKind Parse(string code) => TryParse(code, out var k) ? k : throw new Platform.EventStore.UnknownStoredValueException("district act kind", code);
}

// An act of one district (seed 001: order of 04.05.2022 № 237 «Об организации системы наставничества…»): kind, number as
// written («237», «21/1», «143-п»), date, title, an optional note. One stream per act; tenant = the district. Schools of the
// district read the acts (mentoring.district_acts is a catalog table: orders of an education authority are public).

public sealed record DistrictActRegistered(Guid DistrictActId, DistrictActKind Kind, string Number, DateOnly Date, string Title, string? Note);
public sealed record DistrictActChanged(DistrictActKind Kind, string Number, DateOnly Date, string Title, string? Note);
public sealed record DistrictActRepealed(DateOnly RepealedOn, string Reason);

public sealed record DistrictAct(Guid Id, DistrictActKind Kind, string Number, DateOnly Date, string Title, string? Note, DateOnly? RepealedOn, string? RepealReason)
{
    public bool IsRepealed => RepealedOn is not null;

    public string Citation => OrderNumber.Citation(Number, Date);

    public static DistrictAct Create(DistrictActRegistered e) => new(e.DistrictActId, e.Kind, e.Number, e.Date, e.Title, e.Note, null, null);

    public DistrictAct Apply(DistrictActChanged e) => this with { Kind = e.Kind, Number = e.Number, Date = e.Date, Title = e.Title, Note = e.Note };
    public DistrictAct Apply(DistrictActRepealed e) => this with { RepealedOn = e.RepealedOn, RepealReason = e.Reason };
}
