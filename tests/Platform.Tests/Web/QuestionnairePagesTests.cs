using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>A questionnaire from its pages: created by question rows, a person's answers entered (refusals next to the question), revised to a new version.</summary>
public sealed class QuestionnairePagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_questionnaire_is_created_answered_and_revised_from_its_pages()
    {
        var browser = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var person = (await api.Scenario(s =>
        {
            s.WithBearerToken(browser);
            s.Post.Json(new { kind = "teacher", fullName = "Анкетова Лидия Павловна", position = "учитель истории",
                consent = new { signedBy = "self", givenOn = today, scope = "участие в программе наставничества" } }).ToUrl($"/api/schools/{Sosh1}/people");
            s.StatusCodeShouldBe(201);
        }).Json()).GetProperty("id").GetString()!;

        var list = $"/schools/{Sosh1}/questionnaires";
        var (html, form) = await api.FormAsync(browser, list);
        html.ShouldContain("Создать анкету");
        (string, string)[] rows =
        [
            ("rows", "5"), ("title", "Анкета будущего наставника"), ("audience", "mentors"),
            ("q0.text", "Насколько вы готовы наставлять?"), ("q0.kind", "scale"), ("q0.required", "1"),
            ("q1.text", "Предпочтительный формат встреч"), ("q1.kind", "choice"), ("q1.required", "1"),
        ];
        // The row left empty between is skipped; a choice with one option is refused next to that row's options.
        html = await api.PostFormAsync(browser, list, form, 422, [.. rows, ("q1.options", "очно"), ("q3.text", "Ваши пожелания"), ("q3.kind", "text")]);
        html.ShouldContain("id=\"create-q1-options-error\"");
        html.ShouldContain("У вопроса с выбором от 2 до 20 разных вариантов.");
        html.ShouldContain("value=\"Анкета будущего наставника\"");
        html.ShouldContain("value=\"Ваши пожелания\"");

        var location = await api.PostRedirectAsync(browser, list, form, [.. rows, ("q1.options", "очно; дистанционно"), ("q3.text", "Ваши пожелания"), ("q3.kind", "text")]);
        location.ShouldMatch($"^{list}/[0-9a-f-]{{36}}\\?saved=1$");
        var page = location.Split('?')[0];
        html = await api.PageAsync(browser, location);
        html.ShouldContain("Анкета сохранена.");
        html.ShouldContain("версия 1");
        html.ShouldContain("Ваши пожелания <span class=\"small text-body-secondary\">— Свободный ответ, необязательный");

        // Answers: a required question left out is named; the typed answers stay.
        html = await api.PostFormAsync(browser, page + "/answers", form, 422, ("version", "1"), ("personId", person), ("a1", "8"));
        html.ShouldContain("Нет ответа на обязательные вопросы: 2. «Предпочтительный формат встреч»");
        html.ShouldContain("<option value=\"8\" selected");
        location = await api.PostRedirectAsync(browser, page + "/answers", form, ("version", "1"), ("personId", person), ("a1", "8"), ("a2", "дистанционно"),
            ("a3", "Хочу вести молодых историков"));
        location.ShouldBe(page + "?saved=answers");
        html = await api.PageAsync(browser, location);
        html.ShouldContain("Ответы (1)");
        html.ShouldContain("Хочу вести молодых историков");
        html.ShouldContain("Анкетова Лидия Павловна</a>");

        // A new version: the old answer keeps its version; an empty title is refused next to it.
        html = await api.PostFormAsync(browser, page, form, 422, ("rows", "3"), ("title", ""), ("q0.text", "Готовность"), ("q0.kind", "scale"));
        html.ShouldContain("id=\"revise-title-error\"");
        location = await api.PostRedirectAsync(browser, page, form, ("rows", "3"), ("title", "Анкета будущего наставника"), ("q0.text", "Готовность наставлять"),
            ("q0.kind", "scale"), ("q0.required", "1"));
        html = await api.PageAsync(browser, location);
        html.ShouldContain("версия 2");
        html.ShouldContain("Готовность наставлять");
        html.ShouldContain("· версия 1 ·"); // the answer given to version 1
        (await api.PageAsync(browser, list)).ShouldContain("Анкета будущего наставника");
    }
}
