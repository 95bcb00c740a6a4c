using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;

namespace Platform.Tests.Mentoring;

/// <summary>
/// Every opening of a participant's card — by the API or the page — is journaled (who, in which role, whose, when); the
/// director reads the journal, the curator cannot; the app's role cannot change or delete an entry.
/// </summary>
public sealed class PersonalDataJournalTests(ApiHost api) : IClassFixture<ApiHost>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);
    private string Views => $"/api/schools/{S.School}/personal-data-views";

    [Fact]
    public async Task Card_views_are_journaled_and_only_the_director_reads_the_journal()
    {
        var person = await S.Teacher("Журналова Вера Петровна");
        await S.Get($"{S.People}/{person}");
        var browser = api.TokenFor(TenantScope.School(S.School), Roles.SchoolCurator);
        await api.PageAsync(browser, $"/schools/{S.School}/people/{person}");

        var journal = await S.Get<List<PersonalDataView>>($"{Views}?personId={person}", S.DirectorToken);
        journal.Count.ShouldBe(2);
        journal.ShouldAllBe(v => v.PersonId == person && v.PersonName == "Журналова Вера Петровна" && v.What == PersonalDataJournal.Card
            && v.ViewerRole == Roles.SchoolCurator);
        journal[0].ViewedAt.ShouldBeGreaterThanOrEqualTo(journal[1].ViewedAt);

        await S.Get(Views, 403);
        await S.Get(Views, 404, api.TokenAs($"school:{MentoringScenario.Oosh}", Roles.SchoolDirector));
        var director = api.TokenFor(TenantScope.School(S.School), Roles.SchoolDirector);
        var page = await api.PageAsync(director, $"/schools/{S.School}/people/views?personId={person}");
        page.ShouldContain("Журнал просмотров персональных данных");
        page.ShouldContain("Журналова Вера Петровна");
        page.ShouldContain("Куратор организации");
        await api.PageAsync(browser, $"/schools/{S.School}/people/views", 403);

        page = await api.PageAsync(browser, $"/schools/{S.School}/people/{person}");
        page.ShouldContain($"/api/schools/{S.School}/people/{person}/personal-data-report.docx");
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_table_privilege('platform_app', 'mentoring.personal_data_views', 'UPDATE')")).ShouldBeFalse();
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_table_privilege('platform_app', 'mentoring.personal_data_views', 'DELETE')")).ShouldBeFalse();
        (await api.Database.OwnerScalarAsync<bool>("SELECT has_table_privilege('platform_app', 'mentoring.personal_data_views', 'INSERT')")).ShouldBeTrue();
    }

    [Fact]
    public async Task The_person_gets_what_the_school_holds_about_them_with_the_consents_and_who_viewed_it()
    {
        var person = await S.Teacher("Справкина Анна Ильинична");
        await S.Put($"{S.People}/{person}/details", new { subjects = new[] { "математика" }, yearsOfService = 7, email = "spravkina@school.ru" });
        await S.Get($"{S.People}/{person}");
        var docx = await (await S.Get($"{S.People}/{person}/personal-data-report.docx")).ReadAsBytesAsync();
        var text = await DocxText.ReadAsync(docx);
        text.ShouldContain("о персональных данных, обрабатываемых в системе наставничества");
        text.ShouldContain("152-ФЗ");
        text.ShouldContain("Субъект персональных данных: Справкина Анна Ильинична");
        text.ShouldContain("spravkina@school.ru");
        text.ShouldContain("математика");
        text.ShouldContain("Просмотры сведений работниками (всего 2, последние 2)");
        text.ShouldContain("test.schoolcurator");
        text.ShouldContain("Директор");
        await S.Get($"{S.People}/{person}/personal-data-report.docx", 403, api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}"));
        (await S.Get<List<PersonalDataView>>($"{Views}?personId={person}", S.DirectorToken)).Select(v => v.What)
            .ShouldBe([PersonalDataJournal.Report, PersonalDataJournal.Card]);
    }
}
