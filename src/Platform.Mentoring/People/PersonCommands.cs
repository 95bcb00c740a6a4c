using System.Text.RegularExpressions;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.People;

/// <summary>The details that need a consent; a PUT replaces them all (a missing field is cleared).</summary>
public sealed record PersonDetailsDraft(string[]? Subjects = null, int? YearsOfService = null, string? QualificationCategory = null,
    string[]? Categories = null, string? Email = null, string? Phone = null);

/// <summary>A consent: by the person, or by a legal guardian (signedBy = guardian, guardianName) for a minor.</summary>
public sealed record GiveConsent(string? SignedBy, string? GuardianName, DateOnly? GivenOn, string? Scope, string? DocumentNumber = null);
public sealed record WithdrawConsent(DateOnly? WithdrawnOn = null, string? DocumentNumber = null);

/// <summary>Registration; with a consent in the same request, the details may come with it.</summary>
public sealed record RegisterPerson(string? Kind, string? FullName, string? Position = null, int? BirthYear = null, string? ExternalRole = null,
    GiveConsent? Consent = null, PersonDetailsDraft? Details = null);
/// <summary>Changes the data kept without consent; a missing field stays as it is.</summary>
public sealed record ChangePerson(string? FullName = null, string? Position = null, int? BirthYear = null, string? ExternalRole = null);

/// <summary>The person's decisions: validate, then return the events (and the details row to write, which never goes into an event).</summary>
public static partial class PersonCommands
{
    public const string NoConsent = "Нет действующего согласия на обработку персональных данных: без него хранятся только ФИО, вид участника, "
        + "должность или класс (и год рождения ученика). Сначала оформите согласие — участника или, для несовершеннолетнего, законного представителя.";

    public const string PreschoolerWithoutGuardian = "Воспитанника детского сада регистрируют только вместе с согласием его законного представителя "
        + "(родителя, усыновителя, опекуна) на обработку персональных данных: укажите ФИО представителя, дату и объём согласия.";

    /// <param name="organisation">The kind of the school registering the person: children of preschool groups only where there are such groups.</param>
    public static (object[] Events, PersonDetails? Details) Register(Guid id, RegisterPerson c, DateOnly today, DateTimeOffset now, Guid consentId,
        SchoolKind? organisation = null)
    {
        var kind = c.Kind?.Trim().ToLowerInvariant();
        var v = new Validation().Require(kind is not null && PersonKinds.Names.ContainsKey(kind), "kind", organisation?.HasPreschool() == true
            ? "Укажите, кто это: teacher (педагог), student (обучающийся), preschooler (воспитанник детского сада) или external (внешний участник)."
            : "Укажите, кто это: teacher (педагог), student (обучающийся) или external (внешний участник).");
        if (organisation is { } org)
            v.Require(kind != PersonKinds.Preschooler || org.HasPreschool(), "kind",
                    "Воспитанники дошкольных групп бывают только в детском саду или начальной школе – детском саду; в этой организации дети учатся в классах.")
                .Require(kind != PersonKinds.Student || org != SchoolKind.Kindergarten, "kind",
                    "В детском саду дети — воспитанники групп (preschooler), а не обучающиеся классов.");
        CheckBasics(v, kind, c.FullName, c.Position, c.BirthYear, c.ExternalRole, today);
        // A preschool child is recorded at all only on the guardian's consent (152-ФЗ, ст. 9): nothing is kept without it.
        // A consent signed by the child itself is refused by the minor's rule in CheckConsent (a preschooler always has a birth year).
        if (kind == PersonKinds.Preschooler) v.Require(c.Consent is not null, "consent", PreschoolerWithoutGuardian);
        if (c.Consent is not null) CheckConsent(v, "consent.", kind ?? "", c.BirthYear, c.Consent, today);
        if (c.Details is not null) CheckDetails(v, "details.", kind ?? "", c.Details);
        v.ThrowIfInvalid();

        var details = c.Details is null ? null : Normalize(c.Details);
        if (details is { IsEmpty: false } && c.Consent is null) throw new DomainRuleException(NoConsent);

        var events = new List<object>
        {
            new PersonRegistered(id, kind!, kind == PersonKinds.External ? c.ExternalRole!.Trim() : null, Texts.Clean(c.FullName)!,
                Position(kind!, c.Position), c.BirthYear, now),
        };
        if (c.Consent is not null) events.Add(Consent(id, consentId, kind!, c.BirthYear, c.Consent));
        if (details is { IsEmpty: false }) events.Add(new PersonDetailsChanged(id, details.ChangedFields(PersonDetails.Empty)));
        return ([.. events], details is { IsEmpty: false } ? details : null);
    }

    public static object[] Change(Person p, ChangePerson c, DateOnly today)
    {
        NotErased(p);
        var fullName = c.FullName ?? p.FullName;
        var position = c.Position ?? p.Position;
        var birthYear = c.BirthYear ?? p.BirthYear;
        var role = c.ExternalRole ?? p.ExternalRole;
        var v = new Validation();
        CheckBasics(v, p.Kind, fullName, position, birthYear, role, today);
        v.ThrowIfInvalid();
        if (p is { HasValidConsent: true, Consent.SignedBy: ConsentSigners.Self } && Person.IsMinor(p.Kind, birthYear, p.Consent.GivenOn.Year))
            throw new DomainRuleException($"С этим годом рождения в {p.Consent.GivenOn.Year} году участник был несовершеннолетним и согласие "
                + "должен был дать законный представитель. Сначала оформите согласие представителя, затем исправьте год рождения.");
        var changed = new PersonChanged(p.Id, Texts.Clean(fullName)!, Position(p.Kind, position), birthYear,
            p.Kind == PersonKinds.External ? role?.Trim() : null);
        return changed == new PersonChanged(p.Id, p.FullName, p.Position, p.BirthYear, p.ExternalRole) ? [] : [changed];
    }

    /// <summary>Replaces the details. Without a valid consent any detail is refused (409).</summary>
    public static (PersonDetails? Details, object[] Events) ChangeDetails(Person p, PersonDetails? current, PersonDetailsDraft d)
    {
        NotErased(p);
        var v = new Validation();
        CheckDetails(v, "", p.Kind, d);
        v.ThrowIfInvalid();
        var next = Normalize(d);
        if (!p.HasValidConsent)
        {
            if (next.IsEmpty) return (null, []);
            throw new DomainRuleException(NoConsent);
        }
        var fields = next.ChangedFields(current ?? PersonDetails.Empty);
        return fields.Length == 0 ? (current, []) : (next, [new PersonDetailsChanged(p.Id, fields)]);
    }

    public static ConsentGiven GiveConsent(Person p, GiveConsent c, DateOnly today, Guid consentId)
    {
        NotErased(p);
        var v = new Validation();
        CheckConsent(v, "", p.Kind, p.BirthYear, c, today);
        v.ThrowIfInvalid();
        return Consent(p.Id, consentId, p.Kind, p.BirthYear, c);
    }

    /// <summary>
    /// Withdraws the consent, takes the person out of the pools and erases their personal data. The caller erases, in the same
    /// transaction, everything kept under the consent and destroys the key (<see cref="PersonalDataErasure.EraseKeptDataAsync"/>).
    /// </summary>
    public static object[] WithdrawConsent(Person p, WithdrawConsent c, DateOnly today, DateTimeOffset now)
    {
        if (!p.HasValidConsent) throw new DomainRuleException("Действующего согласия нет: отзывать нечего.");
        var on = c.WithdrawnOn ?? today;
        new Validation()
            .Require(on >= p.Consent!.GivenOn && on <= today, "withdrawnOn",
                $"Дата отзыва — не раньше даты согласия ({p.Consent.GivenOn:dd.MM.yyyy}) и не позже сегодняшнего дня.")
            .Require(c.DocumentNumber is null || c.DocumentNumber.Trim().Length <= 100, "documentNumber", "Номер документа длиннее 100 символов.")
            .ThrowIfInvalid();
        const string reason = "Отозвано согласие на обработку персональных данных";
        var events = new List<object> { new ConsentWithdrawn(p.Id, p.Consent.Id, on, Texts.Clean(c.DocumentNumber)) };
        if (p.InMentorPool) events.Add(new Pools.LeftMentorPool(p.Id, reason, now));
        if (p.InMenteePool) events.Add(new Pools.LeftMenteePool(p.Id, reason, now));
        events.Add(new PersonalDataErased(p.Id, ErasureReasons.ConsentWithdrawn, on));
        return [.. events];
    }

    private static void NotErased(Person p)
    {
        if (p.IsErased) throw new DomainRuleException(PersonalDataErasure.AlreadyErased);
    }

    private static ConsentGiven Consent(Guid personId, Guid consentId, string kind, int? birthYear, GiveConsent c)
    {
        var signedBy = SignedBy(c);
        return new ConsentGiven(personId, consentId, signedBy, signedBy == ConsentSigners.Guardian ? Texts.Clean(c.GuardianName) : null,
            c.GivenOn!.Value, Texts.Clean(c.Scope)!, Texts.Clean(c.DocumentNumber));
    }

    private static string SignedBy(GiveConsent c) =>
        c.SignedBy?.Trim().ToLowerInvariant() ?? (string.IsNullOrWhiteSpace(c.GuardianName) ? ConsentSigners.Self : ConsentSigners.Guardian);

    private static void CheckBasics(Validation v, string? kind, string? fullName, string? position, int? birthYear, string? role, DateOnly today)
    {
        v.Text(fullName, "fullName", "фамилию, имя и отчество", 200);
        if (!string.IsNullOrWhiteSpace(fullName))
            v.Require(fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2 && !fullName.Any(char.IsDigit), "fullName",
                "Укажите фамилию и имя (и отчество, если есть), например «Иванова Мария Петровна».");
        switch (kind)
        {
            case PersonKinds.Student:
                v.Require(Texts.TryNormalizeClass(position, out _), "position", "Укажите класс ученика, например «7Б».");
                v.Require(birthYear is { } y && today.Year - y is >= 5 and <= 25, "birthYear",
                    "Укажите год рождения ученика: по нему видно, кто подписывает согласие — сам ученик или законный представитель.");
                break;
            case PersonKinds.Preschooler:
                v.Text(position, "position", "группу воспитанника, например «средняя группа»", 100);
                v.Require(birthYear is { } py && today.Year - py is >= 0 and <= 8, "birthYear",
                    "Укажите год рождения воспитанника (дошкольный возраст — до 8 лет): согласие за него даёт законный представитель.");
                break;
            case PersonKinds.Teacher:
                v.Text(position, "position", "должность, например «учитель математики»", 300);
                v.Require(birthYear is null, "birthYear",
                    "Год рождения педагога не нужен для согласия (педагог подписывает его сам) и без согласия не хранится.");
                break;
            case PersonKinds.External:
                v.Require(position is null || position.Trim().Length <= 300, "position", "Должность или место работы длиннее 300 символов.");
                v.Require(birthYear is null || today.Year - birthYear is >= 14 and <= 100, "birthYear", "Проверьте год рождения.");
                break;
        }
        if (kind == PersonKinds.External)
            v.Require(role is not null && ExternalRoles.Names.ContainsKey(role.Trim()), "externalRole",
                "Укажите, кто этот внешний участник: " + string.Join(", ", ExternalRoles.Names.Keys) + ".");
        else
            v.Require(role is null, "externalRole", "Роль указывается только для внешнего участника (kind = external).");
    }

    private static void CheckConsent(Validation v, string prefix, string kind, int? birthYear, GiveConsent c, DateOnly today)
    {
        var signedBy = SignedBy(c);
        v.Require(c.GivenOn is { } on && on <= today && on.Year >= 2000, prefix + "givenOn", "Укажите дату согласия — не позже сегодняшнего дня.")
            .Text(c.Scope, prefix + "scope", "объём согласия: цели и перечень данных, например «участие в программе наставничества; ФИО, класс, контакты»", 2000)
            .Require(c.DocumentNumber is null || c.DocumentNumber.Trim().Length <= 100, prefix + "documentNumber", "Номер документа длиннее 100 символов.")
            .Require(ConsentSigners.Names.ContainsKey(signedBy), prefix + "signedBy",
                "Кто подписал согласие: self (сам участник) или guardian (законный представитель).");
        if (c.GivenOn is { } given && Person.IsMinor(kind, birthYear, given.Year))
            v.Require(signedBy == ConsentSigners.Guardian && !string.IsNullOrWhiteSpace(c.GuardianName), prefix + "guardianName",
                $"{(kind == PersonKinds.Student ? "Ученику" : "Участнику")} в {given.Year} году меньше 18 лет: согласие даёт законный представитель "
                + "(родитель, усыновитель, опекун или попечитель). Укажите его фамилию, имя и отчество.");
        else if (signedBy == ConsentSigners.Guardian)
            v.Text(c.GuardianName, prefix + "guardianName", "ФИО законного представителя", 200);
        if (signedBy == ConsentSigners.Self)
            v.Require(string.IsNullOrWhiteSpace(c.GuardianName) || Person.IsMinor(kind, birthYear, c.GivenOn?.Year ?? today.Year), prefix + "guardianName",
                "ФИО представителя указывается, только если согласие даёт законный представитель (signedBy = guardian).");
    }

    private static void CheckDetails(Validation v, string prefix, string kind, PersonDetailsDraft d)
    {
        v.List(d.Subjects, prefix + "subjects", "предметы", 20, 100)
            .List(d.Categories, prefix + "categories", "категории", 10, 50)
            .Require(d.YearsOfService is null or >= 0 and <= 70, prefix + "yearsOfService", "Стаж — от 0 до 70 лет.")
            .Require(d.YearsOfService is null || kind != PersonKinds.Student, prefix + "yearsOfService", "Педагогический стаж у обучающегося не указывается.")
            .Require(d.QualificationCategory is null || QualificationCategories.Names.ContainsKey(d.QualificationCategory), prefix + "qualificationCategory",
                "Квалификационная категория: none (без категории), first (первая) или highest (высшая).")
            .Require(d.QualificationCategory is null || kind != PersonKinds.Student, prefix + "qualificationCategory",
                "Квалификационная категория у обучающегося не указывается.")
            .Require(d.Email is null || Email().IsMatch(d.Email.Trim()), prefix + "email", "Проверьте адрес электронной почты, например «ivanova@school1.ru».")
            .Require(d.Phone is null || NormalizePhone(d.Phone) is not null, prefix + "phone", "Проверьте номер телефона: 10 цифр после +7, например «+7 912 345-67-89».");
        var categories = d.Categories ?? [];
        for (var i = 0; i < categories.Length; i++)
        {
            var code = categories[i]?.Trim() ?? "";
            if (!MenteeCategories.Names.TryGetValue(code, out var name))
                v.Require(false, $"{prefix}categories[{i}]", "Неизвестная категория. Возможные: " + string.Join(", ", MenteeCategories.Names.Keys) + ".");
            else if ((kind == PersonKinds.Teacher && !MenteeCategories.ForTeachers.Contains(code)) || (kind == PersonKinds.Student && !MenteeCategories.ForStudents.Contains(code)))
                v.Require(false, $"{prefix}categories[{i}]", $"Категория «{name}» относится к {(MenteeCategories.ForTeachers.Contains(code) ? "педагогам" : "обучающимся")}.");
            else if (kind == PersonKinds.External)
                v.Require(false, $"{prefix}categories[{i}]", "Категории наставляемых указываются для педагогов и обучающихся.");
        }
    }

    private static PersonDetails Normalize(PersonDetailsDraft d) => new(
        Texts.CleanList(d.Subjects), d.YearsOfService, d.QualificationCategory, Texts.CleanList(d.Categories).Order().ToArray(),
        Texts.Clean(d.Email)?.ToLowerInvariant(), d.Phone is null ? null : NormalizePhone(d.Phone));

    private static string? Position(string kind, string? position) =>
        kind == PersonKinds.Student && Texts.TryNormalizeClass(position, out var normalized) ? normalized : Texts.Clean(position);

    /// <summary>A Russian number as +7XXXXXXXXXX (from 8…, 7… or 10 digits), or null when it is not one.</summary>
    public static string? NormalizePhone(string phone)
    {
        if (phone.Any(ch => !char.IsDigit(ch) && " +()-–.".IndexOf(ch) < 0)) return null;
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        if (digits.Length == 11 && digits[0] is '7' or '8') digits = digits[1..];
        return digits.Length == 10 ? "+7" + digits : null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex Email();
}
