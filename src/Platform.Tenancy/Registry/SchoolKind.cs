namespace Platform.Tenancy.Registry;

/// <summary>Kind of educational organisation (вид образовательной организации).</summary>
public enum SchoolKind
{
    School,                     // общеобразовательная школа (СОШ, ООШ)
    Gymnasium,                  // гимназия
    Lyceum,                     // лицей
    PrimarySchoolKindergarten,  // начальная школа – детский сад (НШДС)
    Kindergarten,               // детский сад
    SupportCentre,              // центр психолого-педагогической, медицинской и социальной помощи (ЦППМСП)
    AdditionalEducation,        // организация дополнительного образования
    College,                    // колледж, техникум
    Other,
}

public static class SchoolKindNames
{
    public static string Russian(this SchoolKind kind) => kind switch
    {
        SchoolKind.School => "школа",
        SchoolKind.Gymnasium => "гимназия",
        SchoolKind.Lyceum => "лицей",
        SchoolKind.PrimarySchoolKindergarten => "начальная школа – детский сад",
        SchoolKind.Kindergarten => "детский сад",
        SchoolKind.SupportCentre => "ЦППМСП",
        SchoolKind.AdditionalEducation => "дополнительное образование",
        SchoolKind.College => "колледж",
        _ => "другое",
    };
}
