using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.EventStore.Projections;
using Platform.Mentoring.People;
using Platform.Mentoring.People.Retention;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;

namespace Platform.Tests.Mentoring;

/// <summary>
/// Crypto-shredding: a person's name, class, birth year, guardian's name and document numbers are sealed in the events under the
/// person's key; withdrawing the consent, the end of the retention period or the subject's request destroys the key, and then a dump of
/// the whole database holds nothing readable of them, while every count stays what it was.
/// </summary>
public sealed partial class PersonalDataErasureTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    private sealed record Child(Guid Id, string[] Texts, int BirthYear);

    private async Task<Child> RegisterChildAsync(string surname, int birthYear)
    {
        string fullName = $"{surname}а Таисия Глебовна", guardian = $"{surname} Глеб Аркадьевич", consentNumber = $"ПДн-{surname}-4711", email = $"{surname}@pd.example";
        var id = (await S.Post(S.People, new
        {
            kind = "student", fullName, position = "8Д", birthYear,
            consent = new { signedBy = "guardian", guardianName = guardian, givenOn = "2025-09-15", scope = "участие в программе наставничества; ФИО, класс", documentNumber = consentNumber },
            details = new { categories = new[] { "gifted" }, email },
        }, 201).Json<PersonView>()).Id;
        await S.JoinMentees(id);
        return new Child(id, [fullName, guardian, consentNumber, email], birthYear);
    }

    private static void NothingReadable(string dump, params string[] texts)
    {
        foreach (var text in texts)
        foreach (var form in DatabaseDump.Forms(text))
            dump.Split('\n').Where(l => l.Contains(form, StringComparison.OrdinalIgnoreCase)).Select(l => l[..Math.Min(l.Length, 300)])
                .ShouldBeEmpty($"«{text}» is readable in the dump");
        // Every birth year in the events is sealed: none is left as a JSON number.
        BirthYearInJson().IsMatch(dump).ShouldBeFalse("a birth year is readable in the events");
    }

    [Fact]
    public async Task After_a_withdrawal_a_dump_of_the_whole_database_holds_nothing_readable_of_the_child_or_the_guardian()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var child = await RegisterChildAsync("Шифрованн", 2012);
        await S.Get($"{S.People}/{child.Id}");

        // Sealed from the start: the events never hold the data in the clear, only the list of people does (for search).
        var before = await DatabaseDump.TakeAsync(api.Database);
        before.ShouldContain(child.Texts[0]);
        NothingReadable(Regex.Replace(before, "^COPY mentoring\\.(people|person_details) .*?^\\\\\\.$", "", RegexOptions.Multiline | RegexOptions.Singleline),
            child.Texts);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.personal_data_keys WHERE subject_id = $1", child.Id)).ShouldBe(1);

        api.Clock.Advance(TimeSpan.FromDays(1));
        var withdrawn = await S.Post($"{S.People}/{child.Id}/consents/withdraw", new { documentNumber = "Отзыв-Шифрованн-0815" }).Json<PersonView>();
        (withdrawn.FullName, withdrawn.Position, withdrawn.BirthYear, withdrawn.HasValidConsent, withdrawn.InMenteePool).ShouldBe(("данные удалены", null, null, false, false));
        withdrawn.Consents.ShouldHaveSingleItem().GuardianName.ShouldBeNull();

        NothingReadable(await DatabaseDump.TakeAsync(api.Database), [.. child.Texts, "Отзыв-Шифрованн-0815"]);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.personal_data_keys WHERE subject_id = $1", child.Id)).ShouldBe(0);

        // Every reading of the events says so, never fails: the card, the history, the card as it was before.
        var history = (await S.Get($"{S.People}/{child.Id}/history").Json()).ToString();
        history.ShouldContain("данные удалены");
        history.ShouldContain("personal_data_erased");
        history.ShouldNotContain("Шифрованн");
        var past = await S.Get<PersonView>($"{S.People}/{child.Id}?asOf=2025-10-01T12:00:00Z");
        (past.FullName, past.Kind, past.Consents.Count, past.HasValidConsent).ShouldBe(("данные удалены", "student", 1, true));
        var page = await api.PageAsync(api.TokenFor(TenantScope.School(S.School), Roles.SchoolCurator), $"/schools/{S.School}/people/{child.Id}");
        page.ShouldContain("Персональные данные удалены");
        page.ShouldNotContain("Шифрованн");
    }

    [Fact]
    public async Task The_retention_job_erases_people_the_regions_number_of_years_after_their_last_program_and_not_before()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var region = api.TokenAs($"region:{DemoDistrict.RegionId}", Roles.RegionOfficer);
        var url = $"/api/regions/{DemoDistrict.RegionId}/personal-data-retention";
        (await MentoringScenario.Error(S.Put(url, new { years = 0 }, 400, region), "years")).ShouldContain("от 1 до 10 лет");
        await S.Put(url, new { years = 11 }, 400, region);
        await S.Put(url, new { years = 2 }, 403);
        (await S.Put(url, new { years = 2 }, 200, region).Json<RegionCard>()).RetentionYears.ShouldBe(2);
        var child = await RegisterChildAsync("Хранимов", 2013);
        var retention = api.Services.GetRequiredService<PersonalDataRetention>();

        api.Clock.AdjustTime(MentoringScenario.October2025.AddYears(2).AddDays(-2));
        await retention.RunAsync(CancellationToken.None);
        (await S.Get<PersonView>($"{S.People}/{child.Id}")).ErasedOn.ShouldBeNull();

        api.Clock.AdjustTime(MentoringScenario.October2025.AddYears(2).AddDays(1));
        var run = await retention.RunAsync(CancellationToken.None);
        run.Erased.ShouldBeGreaterThan(0);
        var erased = await S.Get<PersonView>($"{S.People}/{child.Id}");
        (erased.FullName, erased.ErasureReason).ShouldBe(("данные удалены", ErasureReasons.Names[ErasureReasons.RetentionExpired]));
        NothingReadable(await DatabaseDump.TakeAsync(api.Database), child.Texts);

        // Nobody in a current pair is erased; a second run has nothing left to do.
        (await api.Database.OwnerScalarAsync<long>("""
            SELECT count(*) FROM mentoring.people p JOIN mentoring.mentorships m ON m.tenant_id = p.tenant_id
             WHERE m.status <> 'dissolved' AND (m.mentor_id = p.id OR p.id = ANY (m.mentee_ids)) AND p.erased_on IS NOT NULL
            """)).ShouldBe(0);
        (await retention.RunAsync(CancellationToken.None)).Erased.ShouldBe(0);
    }

    [Fact]
    public async Task An_erasure_on_request_keeps_every_count_in_the_lists_the_past_views_and_a_rebuild()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var child = await RegisterChildAsync("Счётн", 2011);
        var kept = await S.Student("Остающаяся Вера Павловна");
        // People by kind: what the school's and the district's reports count.
        async Task<string> Counts() => string.Join(",", await api.Database.OwnerListAsync<string>(
            "SELECT kind || ':' || count(*) FROM mentoring.people WHERE tenant_id = $1 GROUP BY kind ORDER BY kind", S.School));
        var counts = await Counts();
        var moment = api.Clock.GetUtcNow().AddMinutes(1);
        var pastBefore = await S.Get<PersonView>($"{S.People}/{child.Id}?asOf={moment:O}".Replace("+", "%2B"));
        api.Clock.Advance(TimeSpan.FromHours(1));

        var erased = await S.Post($"{S.People}/{child.Id}/erasure", new { }).Json<PersonView>();
        erased.ErasureReason.ShouldBe(ErasureReasons.Names[ErasureReasons.SubjectRequest]);
        await S.Post($"{S.People}/{child.Id}/erasure", new { }, 409);
        await S.Patch($"{S.People}/{child.Id}", new { fullName = "Новая Фамилия Имя" }, 409);
        (await Counts()).ShouldBe(counts);

        var pastAfter = await S.Get<PersonView>($"{S.People}/{child.Id}?asOf={moment:O}".Replace("+", "%2B"));
        (pastAfter.Kind, pastAfter.Consents.Count, pastAfter.HasValidConsent, pastAfter.InMenteePool, pastAfter.Version)
            .ShouldBe((pastBefore.Kind, pastBefore.Consents.Count, pastBefore.HasValidConsent, pastBefore.InMenteePool, pastBefore.Version));
        pastAfter.FullName.ShouldBe("данные удалены");

        var store = api.Services.GetRequiredService<DocumentStore>();
        await new ProjectionRebuilder(store).RebuildAsync("people", S.School);
        (await Counts()).ShouldBe(counts);
        (await api.Database.OwnerScalarAsync<string>("SELECT full_name FROM mentoring.people WHERE id = $1", child.Id)).ShouldBe("данные удалены");
        (await api.Database.OwnerScalarAsync<string>("SELECT full_name FROM mentoring.people WHERE id = $1", kept)).ShouldBe("Остающаяся Вера Павловна");
    }

    [Fact]
    public async Task An_erased_contest_candidate_and_best_practice_participant_is_named_nowhere_in_the_dump()
    {
        // A mentor of the demo named in a contest (and, where the demo has one, in its best practice and on the public pages), who has
        // no account of their own (an account's name is the account holder's, kept by the identity store).
        var rows = await api.Database.OwnerListAsync<string>("""
            SELECT c.tenant_id || '|' || p.id || '|' || p.full_name
              FROM mentoring.contest_candidates c JOIN mentoring.people p ON p.tenant_id = c.tenant_id AND p.id = ANY (c.person_ids)
             WHERE p.kind = 'teacher' AND p.erased_on IS NULL AND NOT EXISTS (SELECT 1 FROM identity.users u WHERE u.full_name = p.full_name)
             ORDER BY (SELECT count(*) FROM publication.best_practices b WHERE array_to_string(b.participants, '|') LIKE '%' || p.full_name || '%') DESC
             LIMIT 1
            """);
        var parts = rows.ShouldHaveSingleItem().Split('|');
        var (school, person, name) = (Guid.Parse(parts[0]), Guid.Parse(parts[1]), parts[2]);
        (await DatabaseDump.TakeAsync(api.Database)).ShouldContain(name);

        await new MentoringScenario(api, school).Post($"/api/schools/{school}/people/{person}/erasure", new { });
        NothingReadable(await DatabaseDump.TakeAsync(api.Database), name);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.contest_candidates WHERE $1 = ANY (person_ids) AND names LIKE '%данные удалены%'", person))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_pages_erase_on_request_and_set_the_regions_retention()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var child = await RegisterChildAsync("Страничн", 2012);
        var browser = api.TokenFor(TenantScope.School(S.School), Roles.SchoolCurator);
        var page = $"/schools/{S.School}/people/{child.Id}";
        var (html, form) = await api.FormAsync(browser, page);
        html.ShouldContain("Уничтожить персональные данные по требованию");
        html = await api.PostFormAsync(browser, page + "/erasure", form, 200);
        html.ShouldContain("Персональные данные участника уничтожены.");
        html.ShouldContain("требование субъекта персональных данных об уничтожении");
        html.ShouldNotContain("Страничн");
        html.ShouldNotContain("Внести согласие</button>");

        var officer = api.TokenFor(TenantScope.Region(DemoDistrict.RegionId), Roles.RegionOfficer);
        var retention = $"/regions/{DemoDistrict.RegionId}/personal-data";
        (html, form) = await api.FormAsync(officer, retention);
        html.ShouldContain("Срок хранения персональных данных участников");
        html = await api.PostFormAsync(officer, retention, form, 422, ("years", "15"));
        html.ShouldContain("от 1 до 10 лет");
        html.ShouldContain("value=\"15\"");
        (html, form) = await api.FormAsync(officer, retention);
        html = await api.PostFormAsync(officer, retention, form, 200, ("years", "5"));
        html.ShouldContain("Срок хранения сохранён.");
        html.ShouldContain("5 лет");
        await api.PageAsync(browser, retention, 403);
    }

    [GeneratedRegex("\"birthYear\":\\s*\\d")]
    private static partial Regex BirthYearInJson();
}
