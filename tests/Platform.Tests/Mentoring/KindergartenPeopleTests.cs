using System.Text.Json;
using Platform.Mentoring.People;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// A kindergarten (ДОО) of the demo district: its children are воспитанники of groups («средняя группа»), recorded only with
/// their guardian's consent; its head is «заведующий».
/// </summary>
public sealed class KindergartenPeopleTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private Guid? _kindergarten;

    private async Task<Guid> Kindergarten()
    {
        _kindergarten ??= (await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{DemoDistrict.DistrictId}"));
            s.Post.Json(new { fullName = "Муниципальное дошкольное образовательное учреждение «Детский сад № 3» пгт Троицко-Печорск",
                shortName = $"МДОУ «Детский сад № 3» {Guid.NewGuid():N}"[..40], kind = "kindergarten", timeZone = "Europe/Moscow" })
                .ToUrl($"/api/districts/{DemoDistrict.DistrictId}/schools");
            s.StatusCodeShouldBe(201);
        }).Json()).GetProperty("id").GetGuid();
        return _kindergarten.Value;
    }

    private static object Child(object? consent, string group = "средняя группа", int birthYear = 2021) =>
        new { kind = "preschooler", fullName = "Смирнова Алиса Дмитриевна", position = group, birthYear, consent };

    private static object GuardianConsent => new
    {
        signedBy = "guardian", guardianName = "Смирнова Екатерина Андреевна", givenOn = "2026-09-01",
        scope = "участие в программе наставничества «воспитатель – воспитанник»; ФИО, группа, год рождения",
    };

    private async Task<IScenarioResult> Register(Guid school, object body, int status, string? field = null, string? contains = null) =>
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{school}"));
            s.Post.Json(body).ToUrl($"/api/schools/{school}/people");
            if (status >= 400) s.ProblemShouldBe(status, field, contains);
            else s.StatusCodeShouldBe(status);
        });

    [Fact]
    public async Task A_child_of_a_group_is_registered_with_the_guardians_consent()
    {
        var school = await Kindergarten();
        var child = await Register(school, Child(GuardianConsent), 201).Json<PersonView>();
        child.Kind.ShouldBe(PersonKinds.Preschooler);
        child.KindName.ShouldBe("Воспитанник детского сада");
        child.Position.ShouldBe("средняя группа");
        child.IsMinor.ShouldBeTrue();
        child.HasValidConsent.ShouldBeTrue();
        child.Consent!.SignedBy.ShouldBe("guardian");
        child.Consent.GuardianName.ShouldBe("Смирнова Екатерина Андреевна");
    }

    [Fact]
    public async Task Without_the_guardian_the_child_is_refused_in_Russian_and_nothing_is_stored()
    {
        var school = await Kindergarten();
        await Register(school, Child(null), 400, "consent", "только вместе с согласием его законного представителя");
        await Register(school, Child(new { signedBy = "self", givenOn = "2026-09-01", scope = "участие в программе" }), 400, "consent.guardianName",
            "согласие даёт законный представитель");
        await Register(school, Child(GuardianConsent, group: " "), 400, "position", "например «средняя группа»");
        await Register(school, Child(GuardianConsent, birthYear: 2010), 400, "birthYear", "дошкольный возраст");
        var people = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{school}"));
            s.Get.Url($"/api/schools/{school}/people?kind=preschooler");
        }).Json();
        people.GetProperty("items").EnumerateArray().ShouldNotContain(p => p.GetProperty("fullName").GetString() == "Смирнова Алиса Дмитриевна"
            && p.GetProperty("hasValidConsent").GetBoolean() == false);
    }

    [Fact]
    public async Task Children_of_groups_belong_to_kindergartens_and_classes_to_schools()
    {
        await Register(Sosh1, Child(GuardianConsent), 400, "kind", "только в детском саду");
        await Register(await Kindergarten(), new { kind = "student", fullName = "Иванов Пётр Сергеевич", position = "1А", birthYear = 2019 }, 400, "kind",
            "воспитанники групп");
    }

    [Fact]
    public async Task The_head_of_a_kindergarten_is_named_zaveduyushchiy()
    {
        SchoolKind.Kindergarten.HeadTitle().ShouldBe("заведующий");
        SchoolKind.PrimarySchoolKindergarten.HeadTitle().ShouldBe("директор");
        var school = new MentoringScenario(api, await Kindergarten());
        var mentor = await school.Mentor("Петрова Анна Ивановна");
        var mentee = await school.Mentee("Сидорова Ольга Павловна");
        var pair = await school.Pair(mentor, [mentee]);
        await api.Scenario(s =>
        {
            s.WithBearerToken(school.CuratorToken);
            s.Post.Json(new { orderId = Guid.NewGuid() }).ToUrl($"{school.Pairs}/{pair.Id}/approve");
            s.ProblemShouldBe(403, contains: "утвердить пару может только заведующий");
        });
    }
}
