using Platform.Mentoring.DistrictActs;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>A district curator registers the district's own acts (seed 001: order of 04.05.2022 № 237), corrects, repeals; its schools read them.</summary>
public sealed class DistrictActsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly string Url = $"/api/districts/{District}/acts";

    private string Curator => api.TokenAs($"district:{District}");

    private Task<IScenarioResult> Send(string token, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>One request with the token; the answer must be a problem with this status (and the field and text given).</summary>
    private Task<IScenarioResult> Refuse(string token, Func<Scenario, SendExpression> request, int status, string? field = null, string? contains = null) =>
        api.Scenario(s =>
        {
            s.WithBearerToken(token);
            request(s);
            s.ProblemShouldBe(status, field, contains);
        });

    private Task<DistrictActView> Register(object body) => Send(Curator, s => s.Post.Json(body).ToUrl(Url), 201).Json<DistrictActView>();

    [Fact]
    public async Task The_demo_district_has_seed_001_order_237_and_its_schools_read_it()
    {
        var acts = await Send(Curator, s => s.Get.Url(Url)).Json<List<DistrictActView>>();
        var order = acts.Single(a => a.Number == "237");
        order.Kind.ShouldBe(DistrictActKind.MentoringSystemOrder);
        order.Number.ShouldBe("237");
        order.Citation.ShouldBe("от 04.05.2022 № 237");
        order.Title.ShouldBe(Platform.Mentoring.Demo.DemoDistrictActs.OrderTitle);

        var forSchool = await Send(api.TokenAs($"school:{Sosh1}"), s => s.Get.Url($"/api/schools/{Sosh1}/district-acts")).Json<List<DistrictActView>>();
        forSchool.ShouldContain(a => a.Id == order.Id && a.Citation == "от 04.05.2022 № 237");
        // A school cannot write the district's acts, nor read them through the district's address.
        await Send(api.TokenAs($"school:{Sosh1}"), s => s.Post.Json(new { kind = "other", number = "1", date = "2024-01-10", title = "Акт" }).ToUrl(Url), 403);
    }

    [Theory]
    [InlineData("180", "180")]
    [InlineData("№ 21/1", "21/1")]
    [InlineData("№181/1", "181/1")]
    [InlineData("143-п", "143-п")]
    [InlineData("№ № 30-9 о/д", "30-9 о/д")]
    public async Task Numbers_are_kept_as_written_without_the_sign_and_cited_with_one(string typed, string stored)
    {
        var act = await Register(new { kind = "working_group", number = typed, date = "2023-02-01", title = $"О рабочей группе ({typed})" });
        act.Number.ShouldBe(stored);
        act.Citation.ShouldBe($"от 01.02.2023 № {stored}");
        act.Citation.ShouldNotContain("№ №");
        var read = await Send(Curator, s => s.Get.Url($"{Url}/{act.Id}")).Json<DistrictActView>();
        read.Number.ShouldBe(stored);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_Russian_naming_the_field_and_nothing_is_stored()
    {
        var before = (await Send(Curator, s => s.Get.Url($"{Url}?includeRepealed=true")).Json<List<DistrictActView>>()).Count;
        await Refuse(Curator, s => s.Post.Json(new { kind = "model_road_map", number = "№ ", date = "2023-02-01", title = "Примерная дорожная карта" }).ToUrl(Url), 400, "number", "Укажите номер приказа");
        await Refuse(Curator, s => s.Post.Json(new { kind = "model_road_map", number = "12", date = "2099-02-01", title = "Карта" }).ToUrl(Url), 400, "date", "не может быть в будущем");
        await Refuse(Curator, s => s.Post.Json(new { kind = "model_road_map", number = "12", date = "2023-02-01", title = new string('т', 1001) }).ToUrl(Url), 400, "title", "длиннее 1000");
        await Refuse(Curator, s => s.Post.Json(new { number = "12", date = "2023-02-01", title = "Карта" }).ToUrl(Url), 400, "kind", "вид акта");
        (await Send(Curator, s => s.Get.Url($"{Url}?includeRepealed=true")).Json<List<DistrictActView>>()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task An_act_is_corrected_and_repealed_with_history_and_a_second_registration_is_refused()
    {
        var act = await Register(new { kind = "model_road_map", number = "181/1", date = "2022-09-01", title = "Об утверждении примерной дорожной карты" });
        await Refuse(Curator, s => s.Post.Json(new { kind = "other", number = "№ 181/1", date = "2022-09-01", title = "Ещё раз" }).ToUrl(Url), 409, contains: "от 01.09.2022 № 181/1 уже зарегистрирован");

        var changed = await Send(Curator, s => s.Patch.Json(new { title = "Об утверждении примерной «дорожной карты» на 2022–2024 годы" })
            .ToUrl($"{Url}/{act.Id}")).Json<DistrictActView>();
        changed.Version.ShouldBe(2);
        changed.Number.ShouldBe("181/1");
        var repealed = await Send(Curator, s => s.Post.Json(new { date = "2024-09-01", reason = "Утратил силу: приказ № 190" }).ToUrl($"{Url}/{act.Id}/repeal"))
            .Json<DistrictActView>();
        repealed.Repealed.ShouldBeTrue();
        await Refuse(Curator, s => s.Patch.Json(new { title = "Поздно" }).ToUrl($"{Url}/{act.Id}"), 409, contains: "отменён");

        var history = await Send(Curator, s => s.Get.Url($"{Url}/{act.Id}/history")).Json<List<Platform.Tenancy.Registry.EventHistoryItem>>();
        history.Select(h => h.Title).ShouldBe(["Акт района зарегистрирован", "Изменены реквизиты акта", "Акт отменён (утратил силу)"]);
        (await Send(Curator, s => s.Get.Url(Url)).Json<List<DistrictActView>>()).ShouldNotContain(a => a.Id == act.Id);
        (await Send(Curator, s => s.Get.Url($"{Url}?includeRepealed=true")).Json<List<DistrictActView>>()).ShouldContain(a => a.Id == act.Id);
    }
}
