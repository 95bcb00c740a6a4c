using Alba;
using Platform.Mentoring.RoadMaps;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// The road map as a DOCX document: LibreOffice opens it and reads the Cyrillic title, the organisation, the stages and the
/// activities with their deadlines, responsible and expected results; the same road map gives the same bytes.
/// </summary>
public sealed class RoadMapDocumentTests(ApiHost api) : IClassFixture<ApiHost>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    [Fact]
    public async Task The_document_holds_the_plan_and_is_the_same_bytes_twice()
    {
        var map = await S.Post($"/api/schools/{S.School}/road-maps", new
        {
            title = "Дорожная карта внедрения системы наставничества «Документальная»", firstYear = 2025, years = 2,
            stages = new object[]
            {
                new
                {
                    title = "Организационный этап",
                    activities = new object[]
                    {
                        new { title = "Издание приказа о внедрении системы наставничества", period = new { kind = "date", date = "2025-09-15" },
                              responsibleRoles = new[] { "director" }, responsible = "Иванова И. И.", expectedResult = "Приказ № 21/1" },
                        new { title = "Мониторинг реализации программ наставничества", period = new { kind = "yearly", month = 12 },
                              responsibleRoles = new[] { "curator" }, expectedResult = "Справка по итогам мониторинга" },
                    },
                },
            },
        }, 201).Json<RoadMapView>();

        async Task<byte[]> DownloadAsync() => await (await api.Scenario(s =>
        {
            s.WithBearerToken(S.CuratorToken);
            s.Get.Url($"/api/schools/{S.School}/road-maps/{map.Id}/document.docx");
            s.ContentTypeShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        })).ReadAsBytesAsync();

        var first = await DownloadAsync();
        (await DownloadAsync()).ShouldBe(first);

        var text = await DocxText.ReadAsync(first);
        text.ShouldContain("Дорожная карта внедрения системы наставничества «Документальная»");
        text.ShouldContain("2025/2027 учебные годы");
        text.ShouldContain("Ожидаемый результат");
        text.ShouldContain("1. Организационный этап");
        text.ShouldContain("1.1");
        text.ShouldContain("Издание приказа о внедрении системы наставничества");
        text.ShouldContain("15 сентября 2025");
        text.ShouldContain("Руководитель (директор, заведующий), Иванова И. И.");
        text.ShouldContain("ежегодно, декабрь");
        text.ShouldContain("Справка по итогам мониторинга");

        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{MentoringScenario.Oosh}"));
            s.Get.Url($"/api/schools/{MentoringScenario.Oosh}/road-maps/{map.Id}/document.docx");
            s.StatusCodeShouldBe(404);
        });
    }
}
