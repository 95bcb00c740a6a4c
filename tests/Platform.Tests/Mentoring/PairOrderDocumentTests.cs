using Alba;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// The order on pairs as a DOCX: the pairs and groups this order fixed on the platform, with the order's number and date as
/// registered and the head's signature line; LibreOffice reads it; the same data gives the same bytes.
/// </summary>
public sealed class PairOrderDocumentTests(ApiHost api) : IClassFixture<ApiHost>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    private Task<IScenarioResult> Download(Guid act, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(S.CuratorToken);
        s.Get.Url($"/api/schools/{S.School}/local-acts/{act}/document.docx");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task The_order_lists_the_group_it_fixed_and_is_the_same_bytes_twice()
    {
        var group = await S.ApprovedPair("Приказов", mentees: 2);
        var order = group.Approval!.OrderId;

        var first = await (await Download(order)).ReadAsBytesAsync();
        (await (await Download(order)).ReadAsBytesAsync()).ShouldBe(first);
        var text = await DocxText.ReadAsync(first);
        text.ShouldContain("ПРИКАЗ");
        text.ShouldContain("№ Приказов-од");
        text.ShouldNotContain("№ № ");
        text.ShouldContain("Об утверждении наставнических пар (групп) на 2025/2026 учебный год");
        text.ShouldContain("ПРИКАЗЫВАЮ:");
        text.ShouldContain("Приказова Галина Петровна");
        text.ShouldContain("Приказов Илья Сергеевич");
        text.ShouldContain("Приказов Фёдор Ильич");
        text.ShouldContain("Директор");

        var other = await S.Order("Иной-1", kind: "other");
        (await MentoringScenario.Detail(Download(other.Id, 409))).ShouldContain("документ не формируется");
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{MentoringScenario.Oosh}"));
            s.Get.Url($"/api/schools/{MentoringScenario.Oosh}/local-acts/{order}/document.docx");
            s.StatusCodeShouldBe(404);
        });
    }
}
