using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// The road map page over HTTP as the browser posts it: an own road map of three school years, stages and activities added,
/// changed, moved and removed (each refusal with its message next to the field and the typed values kept), a yearly activity's
/// status named for its school year, and a model road map taking its own length.
/// </summary>
public sealed partial class RoadMapEditPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly string Maps = $"/schools/{Sosh1}/road-maps";

    [GeneratedRegex("/road-maps/([0-9a-f-]{36})$")]
    private static partial Regex MapId();

    /// <summary>Posts the create form; the road map's address from HX-Redirect, or null with the form's HTML on a refusal.</summary>
    private async Task<(string? Page, string Html)> CreateAsync(string token, int status, params (string, string)[] fields)
    {
        var (_, form) = await api.FormAsync(token, Maps);
        var answer = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.PostForm(form, fields).ToUrl(Maps);
            s.StatusCodeShouldBe(status);
        });
        return (answer.Context.Response.Headers["HX-Redirect"].FirstOrDefault(), await answer.ReadAsTextAsync());
    }

    private async Task<JsonElement> MapAsync(string token, string page) => await api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url($"/api/schools/{Sosh1}/road-maps/{MapId().Match(page).Groups[1].Value}");
    }).Json();

    [Fact]
    public async Task An_own_road_map_of_three_years_is_written_stage_by_stage_with_a_yearly_activity_done_for_this_school_year()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);

        var (_, refused) = await CreateAsync(curator, 422, ("title", "План мероприятий 2021–2024"), ("firstYear", "2021"), ("years", "три"));
        refused.ShouldContain("Укажите число учебных лет: от 1 до 10.");
        refused.ShouldContain("value=\"План мероприятий 2021–2024\"");
        (_, refused) = await CreateAsync(curator, 422, ("firstYear", "2021"), ("years", "3"));
        refused.ShouldContain("Укажите название дорожной карты.");

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
        var schoolYear = today.Month >= 9 ? today.Year : today.Year - 1;
        var (page, _) = await CreateAsync(curator, 200, ("title", "План мероприятий 2021–2024"), ("firstYear", (schoolYear - 1).ToString()), ("years", "3"));
        page.ShouldNotBeNull();
        var map = await MapAsync(curator, page);
        map.GetProperty("years").GetInt32().ShouldBe(3);
        map.GetProperty("stages").GetArrayLength().ShouldBe(0);

        (string Html, JsonElement Map) after;
        // Posted as the browser encodes a form: a field may repeat (the ticked responsible roles).
        async Task<(string Html, JsonElement Map)> Post(string action, int status, params (string, string)[] fields)
        {
            var (_, form) = await api.FormAsync(curator, page);
            var body = string.Join('&', fields.Prepend(("__RequestVerificationToken", form.Token))
                .Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
            var answer = await api.Scenario(s =>
            {
                s.AsBrowser(curator);
                s.WithRequestHeader("Cookie", form.Cookie);
                s.Post.Text(body).ToUrl(page + action);
                s.ConfigureHttpContext(c => c.Request.ContentType = "application/x-www-form-urlencoded");
                s.StatusCodeShouldBe(status);
            });
            return (await answer.ReadAsTextAsync(), await MapAsync(curator, page));
        }

        // Stages: an empty title refused with the description kept, then added and renamed.
        after = await Post("/stages", 422, ("title", " "), ("description", "Подготовка условий"));
        after.Html.ShouldContain("Укажите название этапа.");
        after.Html.ShouldContain("Подготовка условий</textarea>");
        after.Map.GetProperty("stages").GetArrayLength().ShouldBe(0);
        after = await Post("/stages", 200, ("title", "Подготовительный этап"), ("description", "Подготовка условий"));
        after.Html.ShouldContain("Этап добавлен.");
        var stageId = after.Map.GetProperty("stages")[0].GetProperty("id").GetString();
        after = await Post($"/stages/{stageId}", 200, ("title", "Организационный этап"), ("description", ""));
        after.Map.GetProperty("stages")[0].GetProperty("title").GetString().ShouldBe("Организационный этап");

        // Activities: a yearly one with its responsible people; a wrong date refused next to the period, the typed values kept.
        after = await Post("/activities", 422, ("stageId", stageId!), ("title", "Педагогический совет по итогам года"), ("periodKind", "date"),
            ("periodDate", "31.02.2026"), ("responsibleRoles", "curator"), ("responsible", "Иванова И. И."));
        after.Html.ShouldContain("Такой даты нет в календаре: 31.02.2026.");
        after.Html.ShouldContain("value=\"Педагогический совет по итогам года\"");
        after.Html.ShouldContain("value=\"Иванова И. И.\"");
        after = await Post("/activities", 200, ("stageId", stageId!), ("title", "Педагогический совет по итогам года"), ("periodKind", "yearly"),
            ("periodMonth", "5"), ("responsibleRoles", "curator"), ("responsibleRoles", "director"), ("expectedResult", "Протокол"));
        var yearly = after.Map.GetProperty("stages")[0].GetProperty("activities")[0];
        yearly.GetProperty("periodText").GetString().ShouldBe("ежегодно, май");
        yearly.GetProperty("responsibleRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["curator", "director"], ignoreOrder: true);
        var yearlyId = yearly.GetProperty("id").GetString();
        after = await Post("/activities", 200, ("stageId", stageId!), ("title", "Совещание"), ("periodKind", "months"), ("periodFrom", $"{schoolYear}-10"),
            ("periodTo", $"{schoolYear}-11"));
        var datedId = after.Map.GetProperty("stages")[0].GetProperty("activities")[1].GetProperty("id").GetString();

        // Changed (an empty title refused), moved with a reason, and a stage with activities is not removed.
        after = await Post($"/activities/{datedId}", 422, ("title", ""), ("expectedResult", "Протокол совещания"));
        after.Html.ShouldContain("Название мероприятия не может быть пустым.");
        after.Html.ShouldContain("value=\"Протокол совещания\"");
        after = await Post($"/activities/{datedId}", 200, ("title", "Совещание рабочей группы"), ("expectedResult", "Протокол совещания"));
        after.Map.GetProperty("stages")[0].GetProperty("activities")[1].GetProperty("title").GetString().ShouldBe("Совещание рабочей группы");
        after = await Post($"/activities/{datedId}/reschedule", 422, ("periodKind", "month"), ("periodFrom", $"{schoolYear}-12"), ("reason", ""));
        after.Html.ShouldContain("Укажите причину переноса.");
        after.Html.ShouldContain($"value=\"{schoolYear}-12\"");
        after = await Post($"/activities/{datedId}/reschedule", 200, ("periodKind", "month"), ("periodFrom", $"{schoolYear}-12"), ("reason", "Болезнь куратора"));
        after.Map.GetProperty("stages")[0].GetProperty("activities")[1].GetProperty("reschedules").GetInt32().ShouldBe(1);
        after = await Post($"/stages/{stageId}/remove", 409);
        after.Html.ShouldContain("В этапе есть мероприятия: сначала удалите их.");
        after = await Post($"/activities/{datedId}/remove", 200);
        after.Html.ShouldContain("Мероприятие удалено.");
        after.Map.GetProperty("stages")[0].GetProperty("activities").GetArrayLength().ShouldBe(1);

        // The yearly activity done this school year: the card names the year; next year it is open again.
        var (_, statusForm) = await api.FormAsync(curator, page);
        var card = await api.PostFormAsync(curator, $"{page}/activities/{yearlyId}/done", statusForm, 422, ("status", "done"), ("evidence", ""));
        card.ShouldContain("Укажите подтверждение выполнения");
        card = await api.PostFormAsync(curator, $"{page}/activities/{yearlyId}/done", statusForm, 200, ("status", "done"), ("evidence", "Протокол № 5"));
        card.ShouldContain($"статус за {schoolYear}/{schoolYear + 1} учебный год");
        card.ShouldContain("Выполнено");
        var html = await api.PageAsync(curator, page);
        html.ShouldContain($"статус за {schoolYear}/{schoolYear + 1} учебный год");
        (await api.Database.OwnerScalarAsync<long>("""
            SELECT count(*) FROM es.mt_events WHERE stream_id = $1 AND type = 'activity_status_changed'
               AND coalesce(data->>'SchoolYear', data->>'schoolYear') = $2
            """, Guid.Parse(MapId().Match(page).Groups[1].Value), schoolYear.ToString())).ShouldBe(1L);
        card = await api.PostFormAsync(curator, $"{page}/activities/{yearlyId}/done", statusForm, 422, ("status", "in_progress"), ("schoolYear", "1999"));
        card.ShouldContain("Учебный год — один из лет дорожной карты");
    }

    [Fact]
    public async Task A_model_road_map_keeps_its_length_unless_told()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var templates = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/schools/{Sosh1}/road-map-templates");
        }).Json();
        var template = templates.EnumerateArray().First();
        var (page, _) = await CreateAsync(curator, 200, ("templateId", template.GetProperty("id").GetString()!), ("firstYear", "2025"), ("years", ""));
        (await MapAsync(curator, page!)).GetProperty("years").GetInt32().ShouldBe(template.GetProperty("years").GetInt32());
        (page, _) = await CreateAsync(curator, 200, ("templateId", template.GetProperty("id").GetString()!), ("firstYear", "2025"), ("years", "2"),
            ("title", "Дорожная карта на сентябрь 2025 – май 2027"));
        var map = await MapAsync(curator, page!);
        map.GetProperty("years").GetInt32().ShouldBe(2);
        map.GetProperty("title").GetString().ShouldBe("Дорожная карта на сентябрь 2025 – май 2027");
        map.GetProperty("schoolYears").GetString().ShouldBe("2025/2027 учебные годы");
    }
}
