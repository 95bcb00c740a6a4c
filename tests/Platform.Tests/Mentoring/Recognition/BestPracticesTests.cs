using System.Net.Http.Headers;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.Publication;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring.Recognition;

/// <summary>
/// The curator publishes a completed program as a best practice with every participant's written consent; the district sees
/// its schools' practices and nominates one to the region; the region sees the nominated ones.
/// </summary>
public sealed class BestPracticesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private RecognitionScenario R => new(api, MentoringScenario.Sosh1);
    private MentoringScenario S => R.S;

    [Fact]
    public async Task A_practice_needs_a_completed_program_and_every_participants_consent_and_shows_only_the_names_agreed()
    {
        var (pair, program) = await R.CompletedProgram("Практиков", complete: false);
        var mentor = pair.Mentor.PersonId;
        var mentee = pair.Mentees.Single().PersonId;
        var consents = new object[]
        {
            new { personId = mentor, signedOn = "2025-09-30" },
            new { personId = mentee, signedOn = "2025-09-30", publishName = false },
        };

        (await MentoringScenario.Detail(S.Post(R.Practices, RecognitionScenario.Practice(program.Id, consents), 409)))
            .ShouldBe("Программа ещё не завершена: лучшей практикой публикуется только завершённая программа.");
        await S.Post($"{S.Programs}/{program.Id}/complete", new { reason = "participant_initiative", note = "По обоюдному решению" });

        (await MentoringScenario.Detail(S.Post(R.Practices, RecognitionScenario.Practice(program.Id, consents[0]), 409)))
            .ShouldStartWith("Нет письменного согласия на публикацию: Практиков Илья Сергеевич.");
        var empty = (await S.Post(R.Practices, new { }, 400).Json()).GetProperty("errors");
        empty.EnumerateObject().Select(p => p.Name).ShouldBe(["programId", "title", "description", "results"], ignoreOrder: true);
        empty.GetProperty("title")[0].GetString().ShouldBe("Укажите название практики.");
        var stranger = new { personId = Guid.NewGuid(), signedOn = "2025-12-01" };
        var bad = (await S.Post(R.Practices, RecognitionScenario.Practice(program.Id, stranger), 400).Json()).GetProperty("errors");
        bad.GetProperty("consents[0].personId")[0].GetString()!.ShouldContain("участник этой программы");
        bad.GetProperty("consents[0].signedOn")[0].GetString()!.ShouldContain("не позже сегодняшнего дня");
        (await S.Get<List<BestPracticeRow>>(R.Practices)).ShouldNotContain(p => p.ProgramId == program.Id);

        var view = await S.Post(R.Practices, RecognitionScenario.Practice(program.Id, consents), 201).Json<BestPracticeView>();
        view.Consents.Select(c => (c.FullName, c.Role, c.SignedOn, c.NamePublished)).ShouldBe([
            ("Практикова Галина Петровна", "mentor", new DateOnly(2025, 9, 30), true), ("Практиков Илья Сергеевич", "mentee", new DateOnly(2025, 9, 30), false)]);
        view.Program.Form.ShouldBe("Педагог – педагог");
        view.Program.CompletedOn.ShouldBe(new DateOnly(2025, 10, 1));
        (await MentoringScenario.Detail(S.Post(R.Practices, RecognitionScenario.Practice(program.Id, consents), 409)))
            .ShouldBe("Эта программа уже опубликована как лучшая практика.");

        var row = (await S.Get<List<BestPracticeRow>>(R.Practices)).Single(p => p.Id == view.Id);
        row.Participants.ShouldBe([new PublishedParticipant("Наставник", "Практикова Галина Петровна"), new PublishedParticipant("Наставляемый", null)]);
        row.SchoolName.ShouldNotBeNullOrEmpty();

        // What the public section reads, in a session without scope: the mentee who did not agree is not named anywhere.
        await using var session = api.Services.GetRequiredService<DocumentStore>().LightweightSession(scope: null);
        var published = (await PublicRecognitionProjection.BestPracticesAsync(session, S.School, default)).Single(p => p.Id == view.Id);
        published.Participants.ShouldBe(["Практикова Галина Петровна (наставник)"]);
        published.ProgramSummary.ShouldStartWith("Педагог – педагог, традиционное наставничество");
        published.Results.ShouldBe("Наставляемый самостоятельно провёл родительское собрание; замечаний по дисциплине нет.");
        System.Text.Json.JsonSerializer.Serialize(published).ShouldNotContain("Илья");

        var history = await S.Get<List<EventHistoryItem>>($"{R.Practices}/{view.Id}/history");
        history.Select(h => h.Title).ShouldBe(["Практика опубликована"]);
        history[0].UserName.ShouldBe("test.schoolcurator");
    }

    [Fact]
    public async Task A_minors_consent_is_given_by_the_legal_guardian()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var mentor = await S.Mentor("Опекунова Анна Львовна");
        var mentee = await S.Mentee("Опекунов Лев Антонович", student: true);
        var pair = await S.Pair(mentor, [mentee], form: "teacher_student");
        await S.Approve(pair.Id, (await S.Order("Опекунов-од")).Id);
        var program = await S.Post(S.Programs, ProgramsTests.Body(pair.Id), 201).Json<Platform.Mentoring.Programs.ProgramView>();
        await S.Post($"{S.Programs}/{program.Id}/complete", new { reason = "participant_initiative", note = "По обоюдному решению" });

        var withoutGuardian = RecognitionScenario.Practice(program.Id,
            new { personId = mentor, signedOn = "2025-09-30" }, new { personId = mentee, signedOn = "2025-09-30" });
        (await MentoringScenario.Error(S.Post(R.Practices, withoutGuardian, 400), "consents[1].guardianName"))
            .ShouldBe("Опекунов Лев Антонович — несовершеннолетний: согласие даёт законный представитель, укажите его ФИО.");
        var view = await S.Post(R.Practices, RecognitionScenario.Practice(program.Id,
            new { personId = mentor, signedOn = "2025-09-30" },
            new { personId = mentee, signedOn = "2025-09-29", guardianName = "Опекунова Мария Петровна" }), 201).Json<BestPracticeView>();
        view.Consents[1].GuardianName.ShouldBe("Опекунова Мария Петровна");
    }

    [Fact]
    public async Task Materials_are_checked_kept_and_downloaded()
    {
        var (pair, program) = await R.CompletedProgram("Материалов");
        var view = await S.Post(R.Practices, RecognitionScenario.Practice(program.Id,
            new { personId = pair.Mentor.PersonId, signedOn = "2025-09-30" }, new { personId = pair.Mentees[0].PersonId, signedOn = "2025-09-30" }), 201)
            .Json<BestPracticeView>();
        var url = $"{R.Practices}/{view.Id}/materials";
        var pdf = "%PDF-1.4 методические рекомендации"u8.ToArray();

        var added = await Upload(url, pdf, "Рекомендации.pdf", 201).Json<MaterialView>();
        added.FileName.ShouldBe("Рекомендации.pdf");
        var download = await api.Scenario(s =>
        {
            s.WithBearerToken(S.CuratorToken);
            s.Get.Url(added.Url);
        });
        (await download.ReadAsBytesAsync()).ShouldBe(pdf);
        (await MentoringScenario.Error(Upload(url, "MZ not a pdf"u8.ToArray(), "Рекомендации-2.pdf", 400), "file")).ShouldContain("не соответствует его типу");
        (await MentoringScenario.Detail(Upload(url, pdf, "Копия.pdf", 409))).ShouldContain("уже приложен");
        var after = await S.Get<BestPracticeView>($"{R.Practices}/{view.Id}");
        after.Materials.Select(m => m.FileName).ShouldBe(["Рекомендации.pdf"]);
        (await S.Get<List<BestPracticeRow>>(R.Practices)).Single(p => p.Id == view.Id).Materials.ShouldBe(1);
        await api.Scenario(s =>
        {
            s.WithBearerToken(S.CuratorToken);
            s.Delete.Url(added.Url);
        });
        (await S.Get<BestPracticeView>($"{R.Practices}/{view.Id}")).Materials.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_district_sees_its_schools_practices_and_nominates_one_to_the_region()
    {
        var (pair, program) = await R.CompletedProgram("Районов");
        var view = await S.Post(R.Practices, RecognitionScenario.Practice(program.Id,
            new { personId = pair.Mentor.PersonId, signedOn = "2025-09-30" }, new { personId = pair.Mentees[0].PersonId, signedOn = "2025-09-30" }), 201)
            .Json<BestPracticeView>();

        // Another school of the district does not see it; a school's curator cannot nominate.
        var oosh = new MentoringScenario(api, MentoringScenario.Oosh);
        (await oosh.Get<List<BestPracticeRow>>($"/api/schools/{MentoringScenario.Oosh}/best-practices")).ShouldNotContain(p => p.Id == view.Id);
        await oosh.Get($"/api/schools/{MentoringScenario.Oosh}/best-practices/{view.Id}", 404);
        await S.Post($"{RecognitionScenario.DistrictPractices}/{view.Id}/nominate", new { }, 403);

        var inDistrict = (await S.Get<List<BestPracticeRow>>(RecognitionScenario.DistrictPractices, R.DistrictToken)).Single(p => p.Id == view.Id);
        inDistrict.SchoolId.ShouldBe(S.School);
        inDistrict.NominatedOn.ShouldBeNull();
        (await S.Get<List<BestPracticeRow>>($"/api/regions/{Platform.Tenancy.Demo.DemoDistrict.RegionId}/best-practices", R.RegionToken))
            .ShouldNotContain(p => p.Id == view.Id);

        var tooLong = await S.Post($"{RecognitionScenario.DistrictPractices}/{view.Id}/nominate", new { note = new string('я', 1001) }, 400, R.DistrictToken).Json();
        tooLong.GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("Поле «примечание для региона» длиннее 1000 символов.");
        var nominated = await S.Post($"{RecognitionScenario.DistrictPractices}/{view.Id}/nominate",
            new { note = "Рекомендуем для региональной методической копилки" }, 200, R.DistrictToken).Json<BestPracticeRow>();
        nominated.NominatedOn.ShouldBe(new DateOnly(2025, 10, 1));
        nominated.NominationNote.ShouldBe("Рекомендуем для региональной методической копилки");
        (await MentoringScenario.Detail(S.Post($"{RecognitionScenario.DistrictPractices}/{view.Id}/nominate", new { }, 409, R.DistrictToken)))
            .ShouldBe("Практика уже выдвинута в регион (01.10.2025).");
        await S.Post($"{RecognitionScenario.DistrictPractices}/{Guid.NewGuid()}/nominate", new { }, 404, R.DistrictToken);

        var inRegion = (await S.Get<List<BestPracticeRow>>($"/api/regions/{Platform.Tenancy.Demo.DemoDistrict.RegionId}/best-practices", R.RegionToken))
            .Single(p => p.Id == view.Id);
        inRegion.NominatedBy.ShouldBe("test.districtcurator");
        (await S.Get<List<EventHistoryItem>>($"{R.Practices}/{view.Id}/history")).Select(h => h.Title)
            .ShouldBe(["Практика опубликована", "Практика выдвинута в регион"]);
    }

    private Task<IScenarioResult> Upload(string url, byte[] bytes, string fileName, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(S.CuratorToken);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        s.Post.MultipartFormData(new MultipartFormDataContent { { file, "file", fileName } }).ToUrl(url);
        s.StatusCodeShouldBe(status);
    });
}
