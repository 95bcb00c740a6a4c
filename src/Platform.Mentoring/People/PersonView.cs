namespace Platform.Mentoring.People;

public sealed record ConsentView(Guid Id, string SignedBy, string SignedByName, string? GuardianName, DateOnly GivenOn, string Scope,
    string? DocumentNumber, DateOnly? WithdrawnOn, bool Valid)
{
    public static ConsentView From(Consent c) =>
        new(c.Id, c.SignedBy, ConsentSigners.Names[c.SignedBy], c.GuardianName, c.GivenOn, c.Scope, c.DocumentNumber, c.WithdrawnOn, c.IsValid);
}

public sealed record PersonDetailsView(string[] Subjects, int? YearsOfService, string? QualificationCategory, string? QualificationCategoryName,
    string[] Categories, IReadOnlyList<string> CategoryNames, string? Email, string? Phone)
{
    public static PersonDetailsView From(PersonDetails d) => new(d.Subjects, d.YearsOfService, d.QualificationCategory,
        d.QualificationCategory is null ? null : QualificationCategories.Names[d.QualificationCategory], d.Categories,
        d.Categories.Select(c => MenteeCategories.Names.GetValueOrDefault(c, c)).ToList(), d.Email, d.Phone);
}

/// <param name="IsMinor">Younger than 18 this year: a legal guardian signs the consent.</param>
/// <param name="Details">The details kept under the consent; null without one, and always null for a past date (asOf).</param>
/// <param name="DetailsNote">Why the details are not shown, when they are not.</param>
public sealed record PersonView(Guid Id, string Kind, string KindName, string? ExternalRole, string? ExternalRoleName, string FullName,
    string? Position, int? BirthYear, bool IsMinor, bool HasValidConsent, ConsentView? Consent, IReadOnlyList<ConsentView> Consents,
    PersonDetailsView? Details, string? DetailsNote, bool InMentorPool, bool InMenteePool, int Answers, DateTimeOffset RegisteredAt, long Version,
    DateOnly? ErasedOn = null, string? ErasureReason = null)
{
    public static PersonView From(Person p, long version, PersonDetails? details, DateOnly today, bool past = false) => new(
        p.Id, p.Kind, PersonKinds.Names[p.Kind], p.ExternalRole, p.ExternalRole is null ? null : ExternalRoles.Names.GetValueOrDefault(p.ExternalRole),
        p.FullName, p.Position, p.BirthYear, p.IsMinorIn(today.Year), p.HasValidConsent,
        p.Consent is null ? null : ConsentView.From(p.Consent), p.Consents.Select(ConsentView.From).ToList(),
        past || !p.HasValidConsent || details is null ? null : PersonDetailsView.From(details),
        p.ErasedOn is { } erased ? $"Персональные данные удалены {erased:dd.MM.yyyy}: {ErasureReasons.Names.GetValueOrDefault(p.ErasureReason ?? "", p.ErasureReason)}."
            : past ? "Сведения, требующие согласия, не хранятся в истории: на прошлую дату показаны только ФИО, вид участника, должность или класс."
            : !p.HasValidConsent ? "Нет действующего согласия на обработку персональных данных: другие сведения не хранятся." : null,
        p.InMentorPool, p.InMenteePool, p.Answers, p.RegisteredAt, version, p.ErasedOn,
        p.ErasureReason is null ? null : ErasureReasons.Names.GetValueOrDefault(p.ErasureReason, p.ErasureReason));
}
