using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.Appointments;
using Platform.Mentoring.LocalActs;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Api;

/// <summary>
/// Issue 21: an enum-like field takes only its named values. A number (<c>"role": 99</c>, <c>"kind": 7</c>, defined or not)
/// or a name of no member is refused with 400 naming the field in Russian, and nothing is stored; a row already stored
/// with an unknown code is left out of its list, which still answers 200.
/// </summary>
public sealed class EnumValueRefusalTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static string School => $"/api/schools/{Sosh1}";
    private string Curator => api.TokenAs($"school:{Sosh1}");

    private Task<IScenarioResult> Post(string url, string json, int status) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        s.Post.Text(json).ToUrl(url);
        s.WithRequestHeader("Content-Type", "application/json");
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> Get(string url) => api.Scenario(s =>
    {
        s.WithBearerToken(Curator);
        s.Get.Url(url);
    });

    /// <summary>Events of the school and rows of the read model: what a refused request must leave as it was.</summary>
    private async Task<(long Events, long Rows)> Stored(string table) => (
        await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE tenant_id::text = $1", Sosh1.ToString()),
        await api.Database.OwnerScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = $1", Sosh1));

    /// <summary>The refusal names the field, in Russian, with the values it takes.</summary>
    private static async Task ShouldNameField(IScenarioResult answer, string field, string expected)
    {
        var problem = JsonDocument.Parse(await answer.ReadAsTextAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Некорректный запрос");
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        message.ShouldStartWith("Значение не распознано: допустимые значения — ");
        message.ShouldContain(expected);
    }

    private async Task<Guid> CuratorOrder(string number) =>
        (await Post($"{School}/local-acts", $$"""
            {"kind": "curator_appointment", "number": "{{number}}", "date": "2025-09-01", "title": "О назначении куратора"}
            """, 201).Json<LocalActView>()).Id;

    [Theory]
    [InlineData("99")]
    [InlineData("1")] // a defined member's number is refused too: names only
    [InlineData("\"99\"")]
    [InlineData("\"no_such_value\"")]
    [InlineData("\"curator, psychologist\"")] // a list of names: the framework's converter takes it as their bitwise OR
    [InlineData("\"curator,coordinator\"")]
    public async Task An_appointment_with_a_role_that_is_no_name_is_refused_and_nothing_is_stored(string role)
    {
        var order = await CuratorOrder($"21-{Guid.NewGuid():N}"[..12]);
        var before = await Stored("mentoring.appointments");

        var answer = await Post($"{School}/appointments", $$"""
            {"role": {{role}}, "personName": "Орлов Игорь Петрович", "orderId": "{{order}}", "from": "2025-09-01"}
            """, 400);

        await ShouldNameField(answer, "role", "curator, coordinator, psychologist");
        (await Stored("mentoring.appointments")).ShouldBe(before);
        await Get($"{School}/appointments?all=true");

        // The same request with a name is taken: the refusal was the role's.
        await Post($"{School}/appointments", $$"""
            {"role": "psychologist", "personName": "Орлов Игорь Петрович", "orderId": "{{order}}", "from": "2025-09-01"}
            """, 201);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("\"7\"")]
    [InlineData("\"no_such_value\"")]
    [InlineData("\"regulation, road_map_approval\"")]
    public async Task A_local_act_with_a_kind_that_is_no_name_is_refused_and_nothing_is_stored(string kind)
    {
        var before = await Stored("mentoring.local_acts");

        var answer = await Post($"{School}/local-acts", $$"""
            {"kind": {{kind}}, "number": "77-ОД", "date": "2025-09-01", "title": "О проведении конкурса"}
            """, 400);

        await ShouldNameField(answer, "kind", "regulation, road_map_approval");
        (await Stored("mentoring.local_acts")).ShouldBe(before);
        await Get($"{School}/local-acts");
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"no_such_value\"")]
    public async Task A_person_with_a_kind_that_is_no_name_is_refused_and_nothing_is_stored(string kind)
    {
        var before = await Stored("mentoring.people");

        var answer = await Post($"{School}/people", $$"""
            {"kind": {{kind}}, "fullName": "Орлов Игорь Петрович", "position": "учитель"}
            """, 400);

        var problem = JsonDocument.Parse(await answer.ReadAsTextAsync()).RootElement;
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldMatch("[А-Яа-я]");
        (await Stored("mentoring.people")).ShouldBe(before);
        await Get($"{School}/people");
    }

    [Fact]
    public async Task A_school_with_a_kind_that_is_a_number_is_refused()
    {
        var district = api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}");
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.schools");
        var answer = await api.Scenario(s =>
        {
            s.WithBearerToken(district);
            s.Post.Text("""{"fullName": "Школа № 9", "shortName": "Школа № 9", "kind": 9, "timeZone": "Europe/Moscow"}""")
                .ToUrl($"/api/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}/schools");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        await ShouldNameField(answer, "kind", "school, gymnasium");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM registry.schools")).ShouldBe(before);
    }

    /// <summary>
    /// Records stored before the fix (an event holding 99 or 7, its read model's row holding the code "99" or "7"): the event
    /// store still reads them, and the lists answer 200 without them.
    /// </summary>
    [Fact]
    public async Task A_row_stored_with_an_unknown_code_is_left_out_of_its_list()
    {
        var order = await CuratorOrder("21-старый");
        var badAppointment = Guid.CreateVersion7();
        var badAct = Guid.CreateVersion7();
        var store = api.Services.GetRequiredService<DocumentStore>();
        await using (var session = store.LightweightSession(TenantScope.School(Sosh1)))
        {
            session.Events.StartStream<Appointment>(badAppointment,
                new StaffAppointed(badAppointment, (StaffRole)99, "Орлов Игорь Петрович", null, null, order, new DateOnly(2025, 9, 1)));
            session.Events.StartStream<LocalAct>(badAct,
                new LocalActRegistered(badAct, (LocalActKind)7, "7-ОД", new DateOnly(2025, 9, 1), "Старая запись", null));
            await session.SaveChangesAsync();
        }
        (await api.Database.OwnerScalarAsync<string>("SELECT role FROM mentoring.appointments WHERE id = $1", badAppointment)).ShouldBe("99");
        (await api.Database.OwnerScalarAsync<string>("SELECT kind FROM mentoring.local_acts WHERE id = $1", badAct)).ShouldBe("7");
        await using (var session = store.LightweightSession(TenantScope.School(Sosh1)))
            (await session.Events.FetchStreamAsync(badAppointment)).Single().Data.ShouldBe(
                new StaffAppointed(badAppointment, (StaffRole)99, "Орлов Игорь Петрович", null, null, order, new DateOnly(2025, 9, 1)));

        var appointments = await Get($"{School}/appointments?all=true").Json<List<AppointmentView>>();
        appointments.ShouldNotContain(a => a.Id == badAppointment);
        var acts = await Get($"{School}/local-acts?pageSize=200").Json<Page<LocalActRow>>();
        acts.Items.ShouldNotContain(a => a.Id == badAct);
        acts.Items.ShouldContain(a => a.Id == order);
        acts.Total.ShouldBe(acts.Items.Count); // the row left out is not counted either
        await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Get.Url($"{School}/appointments/{badAppointment}");
            s.StatusCodeShouldBe(404);
        });
    }
}
