using Platform.Mentoring.Demo;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// Best practices and contest winners on the public pages, from the demo: the practice on its school's page and its district's,
/// not on another school's; the winners named only when they are all adults; a visitor's session reads the copies, nothing else.
/// </summary>
public sealed class PublicRecognitionTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid SchoolA = DemoDistrict.Schools[0].SchoolId;
    private static readonly Guid SchoolB = DemoDistrict.Schools[1].SchoolId;

    private async Task<string> Visit(string url) => System.Net.WebUtility.HtmlDecode(await (await api.Scenario(s =>
    {
        s.AsBrowser(null);
        s.Get.Url(url);
        s.StatusCodeShouldBe(200);
    })).ReadAsTextAsync());

    [Fact]
    public async Task The_demo_practice_and_winners_are_on_the_public_pages_of_their_school_and_district_only()
    {
        var title = (await api.Database.OwnerListAsync<string>("SELECT title FROM publication.best_practices WHERE id = $1", DemoRecognition.PracticeId)).Single();
        var school = await Visit($"/public/schools/{SchoolA}");
        school.ShouldContain("Лучшие практики наставничества");
        school.ShouldContain(title);
        var district = await Visit($"/public/districts/{DemoDistrict.DistrictId}");
        district.ShouldContain(title);
        district.ShouldContain("Победители конкурсов");
        (await Visit($"/public/schools/{SchoolB}")).ShouldNotContain(title);

        var winners = await api.Database.OwnerListAsync<Guid>("SELECT candidate_id FROM publication.winners WHERE contest_id = $1", DemoRecognition.ContestId);
        winners.ShouldNotBeEmpty();
        (await api.Database.OwnerScalarAsync<long>("""
            SELECT count(*) FROM publication.winners w JOIN mentoring.contest_candidates c ON c.tenant_id = w.tenant_id AND c.id = w.candidate_id
             WHERE w.names IS NOT NULL AND EXISTS (SELECT 1 FROM mentoring.people p WHERE p.tenant_id = c.tenant_id AND p.id = ANY (c.person_ids) AND p.kind NOT IN ('teacher', 'external'))
            """)).ShouldBe(0, "a minor is never named on a public page");
        foreach (var names in await api.Database.OwnerListAsync<string>("SELECT names FROM publication.winners WHERE names IS NOT NULL AND contest_id = $1", DemoRecognition.ContestId))
            district.ShouldContain(names);
    }
}
