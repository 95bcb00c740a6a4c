namespace Platform.Tenancy.Registry;

/// <summary>Kind of educational organisation (вид образовательной организации). Stored by its snake_case code: append, never renumber.</summary>
public enum SchoolKind
{
    School,                     // общеобразовательная школа (СОШ, ООШ)
    Gymnasium,                  // гимназия
    Lyceum,                     // лицей
    PrimarySchoolKindergarten,  // начальная школа – детский сад (НШДС)
    Kindergarten,               // дошкольная образовательная организация (ДОО), детский сад
    SupportCentre,              // центр психолого-педагогической, медицинской и социальной помощи (ЦППМСП)
    AdditionalEducation,        // организация дополнительного образования
    College,                    // колледж, техникум (профессиональная образовательная организация)
    Other,
    EducationCentre,            // центр образования (ЦО)
}

public sealed record SchoolKindView(SchoolKind Kind, string Name, bool Preschool);

public static class SchoolKindNames
{
    public static string Russian(this SchoolKind kind) => kind switch
    {
        SchoolKind.School => "школа",
        SchoolKind.Gymnasium => "гимназия",
        SchoolKind.Lyceum => "лицей",
        SchoolKind.PrimarySchoolKindergarten => "начальная школа – детский сад (НШДС)",
        SchoolKind.Kindergarten => "детский сад (ДОО)",
        SchoolKind.SupportCentre => "центр психолого-педагогической, медицинской и социальной помощи (ЦППМСП)",
        SchoolKind.AdditionalEducation => "организация дополнительного образования",
        SchoolKind.College => "колледж, техникум",
        SchoolKind.EducationCentre => "центр образования",
        _ => "другое",
    };

    /// <summary>How the organisation's head is called: «заведующий» of a kindergarten (DOMAIN), «директор» elsewhere.</summary>
    public static string HeadTitle(this SchoolKind kind) => kind == SchoolKind.Kindergarten ? "заведующий" : "директор";

    /// <summary>Whether the organisation has preschool groups («средняя группа») rather than only classes.</summary>
    public static bool HasPreschool(this SchoolKind kind) => kind is SchoolKind.Kindergarten or SchoolKind.PrimarySchoolKindergarten;

    /// <summary>Every kind with its Russian name, in the order a form lists them.</summary>
    public static IReadOnlyList<SchoolKindView> All { get; } =
    [
        .. new[]
        {
            SchoolKind.Kindergarten, SchoolKind.PrimarySchoolKindergarten, SchoolKind.School, SchoolKind.Gymnasium, SchoolKind.Lyceum,
            SchoolKind.EducationCentre, SchoolKind.College, SchoolKind.AdditionalEducation, SchoolKind.SupportCentre, SchoolKind.Other,
        }.Select(k => new SchoolKindView(k, k.Russian(), k.HasPreschool())),
    ];
}
