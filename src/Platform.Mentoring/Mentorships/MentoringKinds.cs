using System.Text.Json;

namespace Platform.Mentoring.Mentorships;

/// <summary>Kinds of mentoring (виды наставничества, DOMAIN: MentoringKind), as seeds 000 and 001 define them.</summary>
public enum MentoringKind { Virtual, Group, ShortTerm, Reverse, Situational, Speed, Traditional }

public static class MentoringKinds
{
    public static string Russian(this MentoringKind kind) => kind switch
    {
        MentoringKind.Virtual => "Виртуальное (дистанционное) наставничество",
        MentoringKind.Group => "Групповое наставничество",
        MentoringKind.ShortTerm => "Краткосрочное (целеполагающее) наставничество",
        MentoringKind.Reverse => "Реверсивное наставничество",
        MentoringKind.Situational => "Ситуационное наставничество",
        MentoringKind.Speed => "Скоростное наставничество",
        _ => "Традиционное наставничество («один на один»)",
    };

    /// <summary>The code used in the API and the tables: virtual, group, short_term, …</summary>
    public static string Code(this MentoringKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public static bool TryParse(string? code, out MentoringKind kind) =>
        Platform.EventStore.StoredCode.TryParse(code, out kind);

    public static MentoringKind Parse(string code) => TryParse(code, out var k) ? k : throw new Platform.EventStore.UnknownStoredValueException("mentoring kind", code);

    public static string Known => string.Join(", ", Enum.GetValues<MentoringKind>().Select(k => k.Code()));
}
