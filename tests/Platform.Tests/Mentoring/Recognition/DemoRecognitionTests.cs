using Alba;
using Platform.Mentoring.Demo;
using Platform.Mentoring.Recognition.BestPractices;
using Platform.Mentoring.Recognition.Contests;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring.Recognition;

/// <summary>The demo district shows a published, nominated best practice and a finished contest with its winners and award order.</summary>
public sealed class DemoRecognitionTests(ApiHost api) : IClassFixture<ApiHost>
{
    private Task<IScenarioResult> Get(string url, string token) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    });

    [Fact]
    public async Task The_demo_district_has_a_nominated_best_practice_and_a_contest_with_winners()
    {
        var district = api.TokenAs($"district:{DemoDistrict.DistrictId}");
        var practices = await Get($"/api/districts/{DemoDistrict.DistrictId}/best-practices", district).Json<List<BestPracticeRow>>();
        var practice = practices.Single(p => p.Id == DemoRecognition.PracticeId);
        practice.SchoolId.ShouldBe(DemoDistrict.Schools[0].SchoolId);
        practice.NominatedOn.ShouldNotBeNull();
        practice.Participants.ShouldContain(p => p.Role == "Наставник" && p.Name != null);
        (await Get($"/api/regions/{DemoDistrict.RegionId}/best-practices", api.TokenAs($"region:{DemoDistrict.RegionId}")).Json<List<BestPracticeRow>>())
            .ShouldContain(p => p.Id == DemoRecognition.PracticeId);

        var contest = await Get($"{RecognitionScenario.DistrictContests}/{DemoRecognition.ContestId}", district).Json<ContestView>();
        contest.Title.ShouldBe("Наставник года");
        contest.AnnouncedOn.ShouldNotBeNull();
        contest.Jury.Single().FullName.ShouldBe("Мартюшева Галина Анатольевна");
        contest.Ranking.Count.ShouldBe(3);
        contest.Ranking.Select(c => c.Place).ShouldBe([1, 2, 3]);
        var text = await DocxText.ReadAsync(await (await Get($"{RecognitionScenario.DistrictContests}/{DemoRecognition.ContestId}/award-order.docx", district))
            .ReadAsBytesAsync());
        text.ShouldContain("О поощрении победителей конкурса «Наставник года»");
        text.ShouldContain(contest.Ranking[0].Names);
        var winners = await Get($"/api/districts/{DemoDistrict.DistrictId}/awards", district).Json<List<AwardRow>>();
        winners.Where(w => w.ContestId == DemoRecognition.ContestId).Select(w => w.Place).ShouldBe([1, 2, 3]);
    }
}
