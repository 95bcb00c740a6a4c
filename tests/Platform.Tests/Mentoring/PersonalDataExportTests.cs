using System.Net.Http.Headers;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Mentoring.People;
using Platform.Mentoring.People.Documents;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;

namespace Platform.Tests.Mentoring;

/// <summary>
/// 152-ФЗ beyond the card: each person shown on a page of the people list or of a pool is journaled; the list's export is
/// depersonalised unless the curator or director asks for the names (journaled per person; a read-only viewer is refused);
/// a participant downloads what the school holds about them from «Моё наставничество».
/// </summary>
public sealed class PersonalDataExportTests(ApiHost api) : IClassFixture<ApiHost>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);
    private string Views => $"/api/schools/{S.School}/personal-data-views";
    private string Export => $"{S.People}/export.xlsx";

    private async Task<List<string>> WhatOf(Guid person) =>
        (await S.Get<List<PersonalDataView>>($"{Views}?personId={person}", S.DirectorToken)).Select(v => v.What).ToList();

    private Task<long> JournalCountAsync(string what) =>
        api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.personal_data_views WHERE tenant_id = $1 AND what = $2", S.School, what);

    [Fact]
    public async Task Each_person_shown_on_a_page_of_the_list_or_a_pool_is_journaled()
    {
        var mentor = await S.Mentor("Спискова Алла Ивановна");
        var mentee = await S.Mentee("Спискова Бэлла Ивановна");
        var other = await S.Teacher("Спискова Вера Ивановна");

        // The API: the people list, page 1 of 2 — the person on page 2 was not shown.
        var page = await S.Get<Platform.Tenancy.Registry.Page<PersonRow>>($"{S.People}?search=Спискова&pageSize=2");
        page.Items.Select(p => p.Id).ShouldBe([mentor, mentee]);
        await S.Get($"/api/schools/{S.School}/mentor-pool?search=Спискова");
        await S.Get($"/api/schools/{S.School}/mentee-pool?search=Спискова");
        (await WhatOf(mentor)).ShouldBe([PersonalDataJournal.MentorPool, PersonalDataJournal.PeopleList]);
        (await WhatOf(mentee)).ShouldBe([PersonalDataJournal.MenteePool, PersonalDataJournal.PeopleList]);
        (await WhatOf(other)).ShouldBeEmpty();

        // The pages: the list (a search answers with the table alone, journaled too) and the two pools.
        var curator = api.TokenFor(TenantScope.School(S.School), Roles.SchoolCurator);
        (await api.PageAsync(curator, $"/schools/{S.School}/people?search=Спискова")).ShouldContain("Спискова Вера Ивановна");
        await api.PageAsync(curator, $"/schools/{S.School}/pools/mentors");
        await api.PageAsync(curator, $"/schools/{S.School}/pools/mentees");
        (await WhatOf(other)).ShouldBe([PersonalDataJournal.PeopleList]);
        (await WhatOf(mentor)).ShouldBe([PersonalDataJournal.MentorPool, PersonalDataJournal.PeopleList, PersonalDataJournal.MentorPool, PersonalDataJournal.PeopleList]);
        (await WhatOf(mentee)).ShouldBe([PersonalDataJournal.MenteePool, PersonalDataJournal.PeopleList, PersonalDataJournal.MenteePool, PersonalDataJournal.PeopleList]);
        var views = await S.Get<List<PersonalDataView>>($"{Views}?personId={other}", S.DirectorToken);
        views.Single().ViewerRole.ShouldBe(Roles.SchoolCurator);
        views.Single().Viewer.ShouldBe("test.schoolcurator");
    }

    [Fact]
    public async Task The_export_is_depersonalised_by_default_and_journaled_once_without_a_person()
    {
        var student = await S.Student("Обезличкина Алиса Тимуровна", "9В", 2011);
        var teacher = await S.Mentor("Обезличкин Тимур Ренатович");
        var before = await JournalCountAsync(PersonalDataJournal.DepersonalisedExport);

        var result = await S.Get($"{Export}?search=Обезличкин");
        MediaTypeHeaderValue.Parse(result.Context.Response.ContentType!).MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        ContentDispositionHeaderValue.Parse(result.Context.Response.Headers.ContentDisposition.ToString()).FileNameStar.ShouldBe("Участники (обезличенно).xlsx");
        var xlsx = await XlsxText.BytesAsync(result);
        var text = XlsxText.All(xlsx);
        text.ShouldNotContain("Обезличкин"); // neither the names nor the text searched for
        text.ShouldNotContain("9В");
        text.ShouldNotContain("2011");
        text.ShouldContain("обезличенный");
        var rows = XlsxText.Sheets(xlsx)[0];
        rows[0].ShouldContain("Код участника");
        rows.Count.ShouldBe(3);
        var byCode = rows.Skip(1).ToDictionary(r => r[1]);
        byCode[PeopleListWorkbook.Code(student)].Skip(2).ShouldBe(["Обучающийся", "9", "", "нет", "нет", "действует", "Законный представитель"]);
        byCode[PeopleListWorkbook.Code(teacher)][5].ShouldBe("да"); // in the mentor pool
        PeopleListWorkbook.Code(student).ShouldNotBe(PeopleListWorkbook.Code(teacher));

        (await JournalCountAsync(PersonalDataJournal.DepersonalisedExport)).ShouldBe(before + 1);
        (await WhatOf(student)).ShouldNotContain(PersonalDataJournal.PersonalExport);
        var entry = (await S.Get<List<PersonalDataView>>(Views, S.DirectorToken)).First(v => v.What == PersonalDataJournal.DepersonalisedExport);
        entry.PersonId.ShouldBeNull();
        var page = await api.PageAsync(api.TokenFor(TenantScope.School(S.School), Roles.SchoolDirector), $"/schools/{S.School}/people/views");
        page.ShouldContain(PersonalDataJournal.DepersonalisedExport);
    }

    [Fact]
    public async Task A_curator_exports_the_names_when_asked_and_each_person_exported_is_journaled()
    {
        var student = await S.Student("Поимённова Дарья Сергеевна", "8А", 2012);
        var teacher = await S.Teacher("Поимённов Сергей Львович");

        var result = await S.Get($"{Export}?search=Поимённов&personal=true");
        ContentDispositionHeaderValue.Parse(result.Context.Response.Headers.ContentDisposition.ToString()).FileNameStar.ShouldBe("Участники.xlsx");
        var text = XlsxText.All(await XlsxText.BytesAsync(result));
        text.ShouldContain("Поимённова Дарья Сергеевна");
        text.ShouldContain("Поимённов Сергей Львович");
        text.ShouldContain("8А");
        text.ShouldContain("2012");
        text.ShouldContain("с ФИО и персональными данными");
        (await WhatOf(student)).ShouldBe([PersonalDataJournal.PersonalExport]);
        (await WhatOf(teacher)).ShouldBe([PersonalDataJournal.PersonalExport]);

        // The same filters as the list: kind and pool.
        var students = XlsxText.All(await XlsxText.BytesAsync(await S.Get($"{Export}?search=Поимённов&kind=student&personal=true")));
        students.ShouldContain("Поимённова Дарья Сергеевна");
        students.ShouldNotContain("Поимённов Сергей Львович");
        (await WhatOf(teacher)).ShouldBe([PersonalDataJournal.PersonalExport]);
        (await MentoringScenario.Error(S.Get($"{Export}?kind=nobody", 400), "kind")).ShouldStartWith("Вид участника");
    }

    [Fact]
    public async Task A_read_only_viewer_is_refused_the_names_and_the_page_offers_the_box_only_to_the_school()
    {
        var person = await S.Teacher("Закрытова Ольга Павловна");
        var district = api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}");
        var before = await JournalCountAsync(PersonalDataJournal.PersonalExport);

        (await MentoringScenario.Detail(S.Get($"{Export}?search=Закрытова&personal=true", 403, district))).ShouldContain("куратор и руководитель организации");
        (await JournalCountAsync(PersonalDataJournal.PersonalExport)).ShouldBe(before);
        (await WhatOf(person)).ShouldBeEmpty();
        // Without the names the district's curator gets the list.
        XlsxText.All(await XlsxText.BytesAsync(await S.Get($"{Export}?search=Закрытова", 200, district))).ShouldContain(PeopleListWorkbook.Code(person));

        var curatorPage = await api.PageAsync(api.TokenFor(TenantScope.School(S.School), Roles.SchoolCurator), $"/schools/{S.School}/people?pool=mentor&search=Закрытова");
        curatorPage.ShouldContain("Выгрузить список (XLSX)");
        curatorPage.ShouldContain("с ФИО и персональными данными");
        curatorPage.ShouldContain("""name="personal" value="true" id="export-personal""");
        curatorPage.ShouldContain($"""action="/api/schools/{S.School}/people/export.xlsx""");
        curatorPage.ShouldContain("""name="inPool" value="mentor""");
        var districtPage = await api.PageAsync(district, $"/schools/{S.School}/people");
        districtPage.ShouldContain("Выгрузить список (XLSX)");
        districtPage.ShouldNotContain("id=\"export-personal\"");
    }

    [Fact]
    public async Task The_API_document_declares_the_export_with_its_file_and_its_problems()
    {
        var doc = await api.Scenario(s => s.Get.Url("/openapi/v1.json")).Json();
        var responses = doc.GetProperty("paths").GetProperty("/api/schools/{schoolId}/people/export.xlsx").GetProperty("get").GetProperty("responses");
        responses.EnumerateObject().Select(r => r.Name).Order().ShouldBe(["200", "400", "401", "403", "404"]);
        responses.GetProperty("200").GetProperty("content").TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _).ShouldBeTrue();
        responses.GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldEndWith("ValidationProblemDetails");
        responses.GetProperty("403").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldBe("#/components/schemas/ProblemDetails");
    }

    [Fact]
    public async Task A_participant_downloads_what_the_school_holds_about_them_from_my_mentoring()
    {
        var person = await S.Teacher("Самосведова Инна Олеговна");
        await S.Put($"{S.People}/{person}/details", new { email = "Samosvedova@school1.example", subjects = new[] { "химия" } });
        var account = await AccountCommands.CreateAsync(api.Services, "samosvedova", "Самосведова Инна Олеговна", Roles.Mentor, TenantScope.School(S.School),
            "Nastavnik-2026", "test");
        await api.Database.OwnerExecuteAsync(
            "UPDATE identity.users SET email = 'samosvedova@school1.example', normalized_email = 'SAMOSVEDOVA@SCHOOL1.EXAMPLE' WHERE id = $1", account.Id);
        var mentor = api.TokenFor(account.Id, "samosvedova", [Roles.Mentor], TenantScope.School(S.School));

        var me = await api.PageAsync(mentor, $"/schools/{S.School}/me");
        me.ShouldContain("Какие мои персональные данные хранит школа");
        me.ShouldContain($"/schools/{S.School}/me/personal-data-report.docx");
        var docx = await XlsxText.BytesAsync(await api.Scenario(s =>
        {
            s.AsBrowser(mentor);
            s.Get.Url($"/schools/{S.School}/me/personal-data-report.docx");
            s.StatusCodeShouldBe(200);
        }));
        var text = await DocxText.ReadAsync(docx);
        text.ShouldContain("Субъект персональных данных: Самосведова Инна Олеговна");
        text.ShouldContain("химия");
        text.ShouldContain("samosvedova");
        var views = await S.Get<List<PersonalDataView>>($"{Views}?personId={person}", S.DirectorToken);
        views.Single().What.ShouldBe(PersonalDataJournal.OwnReport);
        views.Single().Viewer.ShouldBe("samosvedova");
        views.Single().ViewerRole.ShouldBe(Roles.Mentor);

        // An account recognised as no one gets no one's report.
        await api.PageAsync(api.TokenFor(TenantScope.School(S.School), Roles.Mentee), $"/schools/{S.School}/me/personal-data-report.docx", 404);
    }
}
