using System.Text.Json;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// A school appoints its curator, coordinator and psychologist by order: seed 003 (Мало-Еланская НШДС, order
/// № 63/1-ОД of 29.09.2023 appoints Зуева О. К. coordinator and curator) and seed 000 (school № 411, order № 360/1).
/// </summary>
public sealed class AppointmentsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Elan = Guid.Parse("11000000-0000-4000-8000-000000000063");
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private string Curator(Guid school) => api.TokenAs($"school:{school}");

    private async Task<LocalActView> Order(Guid school, string kind, string number, string date, string title)
    {
        await api.ClearDemoOrdersAsync(Elan, School411, Sosh1); // the demo registers the seeds' orders; these tests do it themselves
        return await api.Scenario(s =>
        {
            s.WithBearerToken(Curator(school));
            s.Post.Json(new { kind, number, date, title }).ToUrl($"/api/schools/{school}/local-acts");
            s.StatusCodeShouldBe(201);
        }).Json<LocalActView>();
    }

    private Task<IScenarioResult> Appoint(Guid school, object body, int status = 201) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator(school));
        s.Post.Json(body).ToUrl($"/api/schools/{school}/appointments");
        s.StatusCodeShouldBe(status);
    });

    /// <summary>The appointment is refused with 400: the problem's field errors.</summary>
    private async Task<JsonElement> Errors(Guid school, object body) => (await Appoint(school, body, 400).Json()).GetProperty("errors");

    private Task<T> Get<T>(Guid school, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator(school));
        s.Get.Url(url);
    }).Json<T>();

    [Fact]
    public async Task The_curator_is_appointed_by_an_order_of_the_school_and_a_second_one_only_after_the_first_ends()
    {
        var order = await Order(Elan, "curator_appointment", "63/1-ОД", "2023-09-29", "О внедрении целевой модели наставничества");

        var curator = await Appoint(Elan, new
        {
            role = "curator", personName = "Зуева Ольга Константиновна", position = "заместитель директора по УВР", orderId = order.Id,
        }).Json<AppointmentView>();
        curator.Role.ShouldBe(StaffRole.Curator);
        curator.RoleName.ShouldBe("Куратор");
        curator.From.ShouldBe(new DateOnly(2023, 9, 29)); // the order's date when none is given
        curator.Order!.Citation.ShouldBe("от 29.09.2023 № 63/1-ОД");
        curator.Active.ShouldBeTrue();

        // The same order names her coordinator too.
        await Appoint(Elan, new { role = "coordinator", personName = "Зуева Ольга Константиновна", position = "заместитель директора по УВР", orderId = order.Id });

        var second = await Appoint(Elan, new { role = "curator", personName = "Иванова Мария Петровна", orderId = order.Id, from = "2024-01-09" }, 409).Json();
        second.GetProperty("detail").GetString().ShouldBe("В организации уже назначен куратор: сначала завершите его назначение.");

        var release = await Order(Elan, "other", "5-ОД", "2024-01-09", "Об освобождении от обязанностей куратора и назначении куратора");
        var ended = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator(Elan));
            s.Post.Json(new { date = "2024-01-09", reason = "Освобождена от обязанностей куратора по собственному желанию", orderId = release.Id })
                .ToUrl($"/api/schools/{Elan}/appointments/{curator.Id}/end");
            s.WithRequestHeader("If-Match", "\"1\"");
        }).Json<AppointmentView>();
        ended.Active.ShouldBeFalse();
        ended.EndedOn.ShouldBe(new DateOnly(2024, 1, 9));
        ended.EndOrder!.Number.ShouldBe("5-ОД");
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator(Elan));
            s.Post.Json(new { reason = "ещё раз" }).ToUrl($"/api/schools/{Elan}/appointments/{curator.Id}/end");
            s.StatusCodeShouldBe(409);
        });

        await Appoint(Elan, new { role = "curator", personName = "Иванова Мария Петровна", position = "учитель начальных классов", orderId = release.Id });

        var active = await Get<List<AppointmentView>>(Elan, $"/api/schools/{Elan}/appointments");
        active.Select(a => (a.Role, a.PersonName)).ShouldBe([(StaffRole.Curator, "Иванова Мария Петровна"), (StaffRole.Coordinator, "Зуева Ольга Константиновна")]);
        var all = await Get<List<AppointmentView>>(Elan, $"/api/schools/{Elan}/appointments?all=true");
        all.Count.ShouldBe(3);
        all.Last().Id.ShouldBe(curator.Id);
        (await Get<List<AppointmentView>>(Elan, $"/api/schools/{Elan}/appointments?role=coordinator")).Count.ShouldBe(1);

        var history = await Get<JsonElement>(Elan, $"/api/schools/{Elan}/appointments/{curator.Id}/history");
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["staff_appointed", "appointment_ended"]);
        history[1].GetProperty("userName").GetString().ShouldBe("test.schoolcurator");
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM mentoring.appointments WHERE tenant_id = $1 AND role = 'curator' AND ended_on IS NULL", Elan)).ShouldBe(1);
    }

    [Fact]
    public async Task An_appointment_needs_an_existing_valid_order_of_this_school()
    {
        var none = await Errors(School411, new { role = "psychologist", personName = "Турчанинов Е. Е.", position = "педагог-психолог" });
        none.GetProperty("orderId")[0].GetString().ShouldBe("Укажите приказ о назначении (из локальных актов организации).");

        var unknown = await Errors(School411, new { role = "psychologist", personName = "Турчанинов Е. Е.", orderId = Guid.NewGuid() });
        unknown.GetProperty("orderId")[0].GetString()!.ShouldStartWith("Такого приказа нет среди локальных актов организации");

        // An order of another school is not an order of this one.
        var foreign = await Order(Sosh1, "curator_appointment", "112", "2022-05-16", "О назначении куратора внедрения системы наставничества");
        (await Errors(School411, new { role = "curator", personName = "Плющикова В. А.", orderId = foreign.Id }))
            .GetProperty("orderId")[0].GetString()!.ShouldStartWith("Такого приказа нет");

        // Seed 000: № 360/1 adopts the regulation and names the curator and the psychologist. As a «Положение» act it appoints
        // the psychologist, while a curator needs an order of kind «о назначении куратора» (or «иной»).
        var regulation = await Order(School411, "regulation", "360/1", "2023-11-13",
            "Об утверждении положения о системе (целевой модели) наставничества педагогических работников в ГБОУ школе № 411 «Гармония» Петродворцового района Санкт-Петербурга");
        var wrongKind = await Errors(School411, new { role = "curator", personName = "Плющикова В. А.", position = "учитель английского языка", orderId = regulation.Id });
        wrongKind.GetProperty("orderId")[0].GetString()!.ShouldContain("приказом о назначении куратора");
        var psychologist = await Appoint(School411, new { role = "psychologist", personName = "Турчанинов Е. Е.", position = "педагог-психолог", orderId = regulation.Id })
            .Json<AppointmentView>();
        psychologist.RoleName.ShouldBe("Педагог-психолог");

        var curatorOrder = await Order(School411, "curator_appointment", "360/1", "2023-11-13", "О назначении куратора внедрения системы наставничества");
        var early = await Errors(School411, new { role = "curator", personName = "Плющикова В. А.", orderId = curatorOrder.Id, from = "2023-11-01" });
        early.GetProperty("from")[0].GetString().ShouldBe("Дата начала раньше даты приказа (13.11.2023).");

        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator(School411));
            s.Post.Json(new { reason = "Издан ошибочно" }).ToUrl($"/api/schools/{School411}/local-acts/{curatorOrder.Id}/repeal");
            s.StatusCodeShouldBe(200);
        });
        var repealed = await Errors(School411, new { role = "curator", personName = "Плющикова В. А.", orderId = curatorOrder.Id });
        repealed.GetProperty("orderId")[0].GetString().ShouldBe("Приказ от 13.11.2023 № 360/1 отменён: сошлитесь на действующий приказ.");

        var empty = await Errors(School411, new { orderId = regulation.Id });
        empty.GetProperty("role")[0].GetString()!.ShouldStartWith("Укажите роль");
        empty.GetProperty("personName")[0].GetString().ShouldBe("Укажите фамилию, имя и отчество.");
        var account = await Errors(School411, new { role = "psychologist", personName = "Х", orderId = regulation.Id, accountId = Guid.NewGuid() });
        account.GetProperty("accountId")[0].GetString().ShouldBe("Такой учётной записи в организации нет.");

        (await Get<List<AppointmentView>>(School411, $"/api/schools/{School411}/appointments")).Select(a => a.PersonName).ShouldBe(["Турчанинов Е. Е."]);
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator(School411));
            s.Get.Url($"/api/schools/{School411}/appointments?role=janitor");
            s.StatusCodeShouldBe(400);
        });
    }
}
