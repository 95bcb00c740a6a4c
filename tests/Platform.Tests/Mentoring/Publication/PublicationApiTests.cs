using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Publication;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;

namespace Platform.Tests.Mentoring.Publication;

/// <summary>Publishing through the API: the same decisions as the page, Russian problems naming the field, the public page following.</summary>
public sealed class PublicationApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
    private static string Api(Guid school) => $"/api/schools/{school}/publication";

    private Task<IScenarioResult> Send(string token, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private async Task<string> PublicPage(string path) => await (await api.Scenario(s => { s.AsBrowser(null); s.Get.Url(path); })).ReadAsTextAsync();

    [Fact]
    public async Task A_school_publishes_and_takes_off_an_act_a_program_summary_and_news()
    {
        var token = api.TokenAs($"school:{Oosh}");
        var act = await Send(token, s => s.Post.Json(new { kind = "regulation", number = "api-1", date = "2025-09-01", title = "Положение, опубликованное через API" })
            .ToUrl($"/api/schools/{Oosh}/local-acts"), 201).Json<LocalActView>();
        var view = await Send(token, s => s.Post.Url($"{Api(Oosh)}/local-acts/{act.Id}")).Json<PublicationView>();
        view.Acts.ShouldContain(act.Id);
        view.PublicPath.ShouldBe($"/public/schools/{Oosh}");
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Url($"{Api(Oosh)}/local-acts/{act.Id}");
            s.ProblemShouldBe(409, contains: "уже опубликован");
        });
        (await PublicPage(view.PublicPath)).ShouldContain("Положение, опубликованное через API");
        (await Send(token, s => s.Delete.Url($"{Api(Oosh)}/local-acts/{act.Id}")).Json<PublicationView>()).Acts.ShouldNotContain(act.Id);
        (await PublicPage(view.PublicPath)).ShouldNotContain("Положение, опубликованное через API");
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Url($"{Api(Oosh)}/local-acts/{Guid.NewGuid()}");
            s.ProblemShouldBe(404, contains: "Акт не найден.");
        });

        var program = (await Send(api.TokenAs($"school:{Oosh}"), s => s.Get.Url($"/api/schools/{Oosh}/programs?pageSize=200")).Json<Page<ProgramRow>>()).Items;
        program.ShouldNotBeEmpty("the demo's programs of ООШ");
        var id = program[0].Id;
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Put.Json(new { title = "Программа ООШ", goal = "Цель", publishedName = "Наставник — Сидорова", nameConsent = false }).ToUrl($"{Api(Oosh)}/programs/{id}");
            s.ProblemShouldBe(400, "nameConsent", "согласия участников");
        });
        var published = await Send(token, s => s.Put.Json(new { title = "Программа ООШ", goal = "Цель для сайта" }).ToUrl($"{Api(Oosh)}/programs/{id}"))
            .Json<PublicationView>();
        published.Programs.Single(p => p.ProgramId == id).PublishedName.ShouldBeNull();
        (await PublicPage(view.PublicPath)).ShouldContain("Цель для сайта");
        await Send(token, s => s.Delete.Url($"{Api(Oosh)}/programs/{id}"));
        (await PublicPage(view.PublicPath)).ShouldNotContain("Цель для сайта");

        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Json(new { title = " ", date = Yesterday, text = "Текст" }).ToUrl($"{Api(Oosh)}/news");
            s.ProblemShouldBe(400, "title", "Укажите заголовок новости.");
        });
        var news = await Send(token, s => s.Post.Json(new { title = "Новость через API", date = Yesterday, text = "Текст" }).ToUrl($"{Api(Oosh)}/news"), 201)
            .Json<NewsItem>();
        news.Published.ShouldBeTrue();
        (await Send(token, s => s.Put.Json(new { title = "Новость через API, исправленная", date = Yesterday, text = "Текст" }).ToUrl($"{Api(Oosh)}/news/{news.Id}"))
            .Json<NewsItem>()).Title.ShouldBe("Новость через API, исправленная");
        (await PublicPage(view.PublicPath)).ShouldContain("Новость через API, исправленная");
        (await Send(token, s => s.Post.Url($"{Api(Oosh)}/news/{news.Id}/unpublish")).Json<NewsItem>()).Published.ShouldBeFalse();
        (await PublicPage(view.PublicPath)).ShouldNotContain("Новость через API");
        (await Send(token, s => s.Get.Url(Api(Oosh))).Json<PublicationView>()).News.Single(n => n.Id == news.Id).Published.ShouldBeFalse();

        var history = await Send(token, s => s.Get.Url($"{Api(Oosh)}/history")).Json<List<EventHistoryItem>>();
        history.Select(h => h.Title).ShouldContain("Акт снят с публикации");
        history.Select(h => h.Title).ShouldContain("Новость снята с публикации");
        history.ShouldAllBe(h => h.UserName != null);
    }

    [Fact]
    public async Task A_district_takes_its_order_off_its_page_and_puts_it_back()
    {
        var token = api.TokenAs($"district:{DemoDistrict.DistrictId}");
        var url = $"/api/districts/{DemoDistrict.DistrictId}/publication";
        var view = await Send(token, s => s.Get.Url(url)).Json<PublicationView>();
        var order = view.Acts.ShouldHaveSingleItem("the demo publishes order № 237");
        (await PublicPage(view.PublicPath)).ShouldContain("Об организации системы наставничества");
        (await Send(token, s => s.Delete.Url($"{url}/acts/{order}")).Json<PublicationView>()).Acts.ShouldBeEmpty();
        (await PublicPage(view.PublicPath)).ShouldNotContain("Об организации системы наставничества");
        await Send(token, s => s.Post.Url($"{url}/acts/{order}"));
        (await PublicPage(view.PublicPath)).ShouldContain("Об организации системы наставничества");
        // A school's curator has no say on the district's page.
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{Oosh}"));
            s.Delete.Url($"{url}/acts/{order}");
            s.StatusCodeShouldBe(403);
        });
    }
}
