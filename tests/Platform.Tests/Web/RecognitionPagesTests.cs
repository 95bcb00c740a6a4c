using Alba;
using Platform.EventStore;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Mentoring.Recognition.Contests;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;
using Platform.Tests.Mentoring.Recognition;

namespace Platform.Tests.Web;

/// <summary>
/// «Лучшие практики» and «Конкурсы» through the real host as htmx posts them: a refusal keeps the values typed with the message
/// next to the field; the district nominates a practice to the region; a district contest runs to its winners, who appear
/// on the person's page and in the district's summary.
/// </summary>
public sealed class RecognitionPagesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private RecognitionScenario R => new(api, MentoringScenario.Sosh1);
    private static readonly Guid School = MentoringScenario.Sosh1;
    private static readonly Guid District = DemoDistrict.DistrictId;

    private async Task<(string Html, string? Redirect)> Post(string token, string url, PageClient.PageForm form, int status, params (string, string)[] fields)
    {
        var answer = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.PostForm(form, fields).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });
        return (await answer.ReadAsTextAsync(), answer.Context.Response.Headers["HX-Redirect"].FirstOrDefault());
    }

    [Fact]
    public async Task A_completed_program_is_published_from_its_form_and_the_district_nominates_it_to_the_region()
    {
        var (pair, program) = await R.CompletedProgram("Страничнов");
        var curator = api.TokenFor(TenantScope.School(School), Roles.SchoolCurator);
        var list = await api.PageAsync(curator, $"/schools/{School}/best-practices");
        list.ShouldContain("Лучшие практики");
        list.ShouldContain($"/schools/{School}/best-practices/new?programId={program.Id}");

        var (html, form) = await api.FormAsync(curator, $"/schools/{School}/best-practices/new?programId={program.Id}");
        html.ShouldContain("Страничнова Галина Петровна");
        html.ShouldContain("Письменное согласие участников на публикацию");
        var (refused, _) = await Post(curator, $"/schools/{School}/best-practices", form, 422, ("programId", program.Id.ToString()), ("title", ""),
            ("description", "Кейс наставничества"), ("results", "Результат"), ("consents[0].signedOn", "30.09.2025"), ("consents[0].publishName", "true"),
            ("consents[1].signedOn", "31.02.2025"));
        refused.ShouldContain("Такой даты нет в календаре: 31.02.2025.");
        refused.ShouldContain("id=\"consent-1-signedOn-error\"");
        refused.ShouldContain("value=\"30.09.2025\"", customMessage: "the values typed stay in the form");
        var (missing, _) = await Post(curator, $"/schools/{School}/best-practices", form, 422, ("programId", program.Id.ToString()), ("title", "Кейс Страничнова"),
            ("description", "Кейс наставничества"), ("results", "Результат"), ("consents[0].signedOn", "30.09.2025"));
        missing.ShouldContain("Укажите дату письменного согласия на публикацию.");
        missing.ShouldContain("Кейс Страничнова");

        var (_, redirect) = await Post(curator, $"/schools/{School}/best-practices", form, 200, ("programId", program.Id.ToString()),
            ("title", "Кейс Страничнова"), ("description", "Кейс наставничества: взаимопосещение уроков"), ("results", "Дисциплина на уроке наладилась"),
            ("consents[0].signedOn", "30.09.2025"), ("consents[0].publishName", "true"), ("consents[1].signedOn", "29.09.2025"));
        redirect.ShouldNotBeNull().ShouldStartWith($"/schools/{School}/best-practices/");
        var page = await api.PageAsync(curator, redirect);
        page.ShouldContain("Кейс наставничества: взаимопосещение уроков");
        page.ShouldContain("Страничнов Илья Сергеевич");
        page.ShouldContain("не называется");
        page.ShouldContain("Практика опубликована");
        var id = Guid.Parse(redirect.Split('/')[^1]);

        var districtCurator = api.TokenFor(TenantScope.District(District), Roles.DistrictCurator);
        var (districtPage, districtForm) = await api.FormAsync(districtCurator, $"/districts/{District}/best-practices");
        districtPage.ShouldContain("Кейс Страничнова");
        districtPage.ShouldContain("Страничнова Галина Петровна");
        districtPage.ShouldNotContain("Страничнов Илья Сергеевич", customMessage: "a participant who did not agree to be named is not named");
        var (tooLong, _) = await Post(districtCurator, $"/districts/{District}/best-practices/{id}/nominate", districtForm, 422, ("note", new string('я', 1001)));
        tooLong.ShouldContain("Поле «примечание для региона» длиннее 1000 символов.");
        tooLong.ShouldContain(new string('я', 1001));
        var (nominated, _) = await Post(districtCurator, $"/districts/{District}/best-practices/{id}/nominate", districtForm, 200, ("note", "В региональную копилку"));
        nominated.ShouldContain("Выдвинута в регион 1 октября 2025");
        nominated.ShouldContain("Примечание района: В региональную копилку");

        var region = await api.PageAsync(api.TokenFor(TenantScope.Region(DemoDistrict.RegionId), Roles.RegionOfficer), $"/regions/{DemoDistrict.RegionId}/best-practices");
        region.ShouldContain("Кейс Страничнова");
        region.ShouldContain("В региональную копилку");
    }

    [Fact]
    public async Task A_district_contest_runs_from_its_pages_to_the_winners_on_the_persons_page()
    {
        var (pair, program) = await R.CompletedProgram("Лауреатов", evaluation: [2, 2, 2, 2, 2, 2, 2, 2, 2]);
        var account = (await R.S.Get<List<JuryAccount>>($"{RecognitionScenario.DistrictContests}/jury-accounts", R.DistrictToken))
            .Single(a => a.UserName == "district.curator");
        var browser = api.TokenFor(account.Id, account.UserName, [Roles.DistrictCurator], TenantScope.District(District));
        var (list, form) = await api.FormAsync(browser, $"/districts/{District}/contests");
        list.ShouldContain("Объявить конкурс");

        var (refused, _) = await Post(browser, $"/districts/{District}/contests", form, 422, ("nomination", "own"), ("from", "01.09.2025"), ("to", "01.08.2025"));
        refused.ShouldContain("Укажите название своей номинации.");
        refused.ShouldContain("Окончание конкурса — не раньше его начала.");
        refused.ShouldContain("value=\"01.08.2025\"");
        var (_, redirect) = await Post(browser, $"/districts/{District}/contests", form, 200, ("nomination", "mentor_of_year"), ("from", "01.09.2025"),
            ("to", "20.12.2025"), ("description", "Муниципальный этап"));
        redirect.ShouldNotBeNull();
        var contest = redirect;

        var (jury, _) = await Post(browser, $"{contest}/jury", form, 200, ("accountId", account.Id.ToString()));
        jury.ShouldContain("<li>Мартюшева Галина Анатольевна</li>");
        var (candidate, _) = await Post(browser, $"{contest}/candidates", form, 200, ("choice", $"{School}:{program.Id}"), ("note", "Методика взаимопосещений"));
        candidate.ShouldContain("Лауреатова Галина Петровна");
        candidate.ShouldContain("18 из 18 (оптимальный)");
        var view = await R.S.Get<ContestView>($"/api{contest}", R.DistrictToken);
        var cid = view.Ranking.Single().Id;

        var (badScore, _) = await Post(browser, $"{contest}/candidates/{cid}/score", form, 422, ("score", "11"), ("comment", "Слишком щедро"));
        badScore.ShouldContain("Оценка — целое число от 1 до 10.");
        badScore.ShouldContain("value=\"Слишком щедро\"");
        var (scored, _) = await Post(browser, $"{contest}/candidates/{cid}/score", form, 200, ("score", "9"), ("comment", "Сильная программа"));
        scored.ShouldContain("Мартюшева Галина Анатольевна: 9 — Сильная программа");
        var (announced, _) = await Post(browser, $"{contest}/winners", form, 200, ($"place-{cid}", "1"));
        announced.ShouldContain("Подведены 01.10.2025");
        announced.ShouldContain($"/api{contest}/award-order.docx");

        var curator = api.TokenFor(TenantScope.School(School), Roles.SchoolCurator);
        (await api.PageAsync(curator, $"/schools/{School}/people/{pair.Mentor.PersonId}")).ShouldContain($"/schools/{School}/people/{pair.Mentor.PersonId}/awards");
        var awards = await api.PageAsync(curator, $"/schools/{School}/people/{pair.Mentor.PersonId}/awards");
        awards.ShouldContain("Награды");
        awards.ShouldContain("1 место");
        awards.ShouldContain("конкурс «Наставник года» (муниципальный конкурс)");
        (await api.PageAsync(curator, $"/schools/{School}/people/{pair.Mentees[0].PersonId}/awards")).ShouldContain("Наград пока нет.");
        var summary = await api.PageAsync(browser, $"/districts/{District}/awards");
        summary.ShouldContain("Лауреатова Галина Петровна");
    }

    [Fact]
    public async Task The_region_opens_its_own_contest_with_candidates_from_the_districts_schools()
    {
        var (_, program) = await R.CompletedProgram("Регионов");
        var officer = api.TokenFor(TenantScope.Region(DemoDistrict.RegionId), Roles.RegionOfficer);
        var (list, form) = await api.FormAsync(officer, $"/regions/{DemoDistrict.RegionId}/contests");
        list.ShouldContain("Объявить конкурс");
        list.ShouldContain($"href=\"/regions/{DemoDistrict.RegionId}/best-practices\"");
        var (_, contest) = await Post(officer, $"/regions/{DemoDistrict.RegionId}/contests", form, 200, ("nomination", "mentor_plus"), ("from", "01.09.2025"),
            ("to", "30.09.2025"));
        contest.ShouldNotBeNull().ShouldStartWith($"/regions/{DemoDistrict.RegionId}/contests/");
        var page = await api.PageAsync(officer, contest);
        page.ShouldContain("Региональный конкурс");
        page.ShouldContain("Наставник&#x2B;", customMessage: "the nomination, its «+» encoded by Razor");
        page.ShouldContain($"{School}:{program.Id}");
        var (candidate, _) = await Post(officer, $"{contest}/candidates", form, 200, ("choice", $"{School}:{program.Id}"));
        candidate.ShouldContain("Регионова Галина Петровна");
        (await api.PageAsync(api.TokenFor(TenantScope.District(District), Roles.DistrictCurator), $"/regions/{DemoDistrict.RegionId}/contests", 403))
            .ShouldNotContain("Регионова");
    }

    [Fact]
    public async Task A_material_is_attached_from_the_practice_page_and_a_renamed_file_is_refused_next_to_the_field()
    {
        var (pair, program) = await R.CompletedProgram("Файлов");
        var practice = await R.S.Post(R.Practices, RecognitionScenario.Practice(program.Id,
            new { personId = pair.Mentor.PersonId, signedOn = "2025-09-30" }, new { personId = pair.Mentees[0].PersonId, signedOn = "2025-09-30" }), 201)
            .Json<BestPracticeView>();
        var curator = api.TokenFor(TenantScope.School(School), Roles.SchoolCurator);
        var url = $"/schools/{School}/best-practices/{practice.Id}";
        var (html, form) = await api.FormAsync(curator, url);
        html.ShouldContain("enctype=\"multipart/form-data\"");

        Task<IScenarioResult> Upload(byte[] bytes, string name, int status) => api.Scenario(s =>
        {
            s.AsBrowser(curator);
            s.WithRequestHeader("Cookie", form.Cookie);
            var content = new MultipartFormDataContent { { new StringContent(form.Token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", name } };
            s.Post.MultipartFormData(content).ToUrl($"{url}/materials");
            s.StatusCodeShouldBe(status);
        });

        var refused = await (await Upload("MZ renamed"u8.ToArray(), "План.pdf", 422)).ReadAsTextAsync();
        refused.ShouldContain("id=\"material-file-error\"");
        refused.ShouldContain("Содержимое файла не соответствует его типу (.pdf).");
        var done = await Upload("%PDF-1.4 план встреч"u8.ToArray(), "План встреч.pdf", 302);
        done.Context.Response.Headers.Location.ToString().ShouldBe(url);
        var page = await api.PageAsync(curator, url);
        page.ShouldContain("План встреч.pdf");
        page.ShouldContain("Приложен материал");
    }
}
