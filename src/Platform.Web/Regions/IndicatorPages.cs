using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Reporting.Indicators;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Regions;

/// <summary>What the targets form holds: the typed values, kept when they are refused.</summary>
public sealed record TargetsForm(string? TeachersPercent, string? StudentsPercent, bool MentorsCovered, string? Basis)
{
    public static TargetsForm From(CoverageTargets t) => new(Percent(t.TeachersPercent), Percent(t.StudentsPercent), t.MentorsCovered, t.Basis);

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.GetCultureInfo("ru-RU"));
}

/// <summary>A row of the indicator set's form: an indicator of the set or of the platform's computed ones, included or not.</summary>
public sealed record IndicatorRow(Indicator Indicator, bool Included);

public sealed record IndicatorsModel(RegionEntry Region, CoverageTargets Targets, TargetsForm TargetsForm, FormErrors TargetErrors,
    IndicatorSetView Set, IReadOnlyList<IndicatorRow> Rows, FormErrors SetErrors, string? Notice = null);

/// <summary>
/// The region's «Показатели и цели»: the coverage targets and who counts as covered (mentees, and mentors where the region's
/// indicator says so), and the monitoring indicator set its schools report on (the platform's computed indicators it takes,
/// under its own names, and its own indicators entered by hand). The platform administrator sets them for the region's
/// institute; the region's officer reads them. The API's decisions (<see cref="CoverageEndpoints"/>, <see cref="IndicatorEndpoints"/>).
/// </summary>
public static class IndicatorPages
{
    public const int NewRows = 3;

    public static RouteGroupBuilder MapIndicatorPages(this RouteGroupBuilder region)
    {
        region.MapGet("/indicators", Show).RequireAuthorization(Policies.RegionWrite);
        region.MapPost("/indicators/targets", SetTargets).RequireAuthorization(Policies.Platform);
        region.MapPost("/indicators/set", DefineSet).RequireAuthorization(Policies.Platform);
        return region;
    }

    private static async Task<IResult> Render(HttpContext http, DocumentSession session, TenantDirectory directory, Guid regionId, TargetsForm? targetsForm,
        FormErrors targetErrors, IReadOnlyList<IndicatorRow>? rows, FormErrors setErrors, string? notice, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var region = (await directory.FindRegionAsync(regionId, ct))!;
        var targets = await CoverageQuery.TargetsAsync(session, regionId, ct);
        var set = await IndicatorEndpoints.GetAsync(regionId, session, ct);
        rows ??= [.. set.Indicators.Select(i => new IndicatorRow(i, true)),
            .. IndicatorCatalog.Computed.Where(c => set.Indicators.All(i => i.Code != c.Code)).Select(c => new IndicatorRow(c, false))];
        return Pages.Render<IndicatorsPage>(new
        {
            Ui = UiContext.For(http),
            Model = new IndicatorsModel(region, targets, targetsForm ?? TargetsForm.From(targets), targetErrors, set, rows, setErrors, notice),
        }, status);
    }

    private static Task<IResult> Show(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct) =>
        Render(http, session, directory, regionId, null, FormErrors.None, null, FormErrors.None, null, ct);

    private static async Task<IResult> SetTargets(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new TargetsForm(form["teachersPercent"], form["studentsPercent"], form["mentorsCovered"] == "true", form["basis"]);
        if (!valid) return await Render(http, session, directory, regionId, typed, FormErrors.General(Pages.StaleForm), null, FormErrors.None, null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                var command = new SetCoverageTargets(Percent(typed.TeachersPercent), Percent(typed.StudentsPercent), typed.Basis, typed.MentorsCovered);
                await CoverageEndpoints.SetTargetsAsync(regionId, command, session, ct);
                return await Render(http, session, directory, regionId, null, FormErrors.None, null, FormErrors.None, "Целевые показатели сохранены.", ct);
            },
            (errors, status) => Render(http, session, directory, regionId, typed, errors, null, FormErrors.None, null, ct, status));
    }

    private static async Task<IResult> DefineSet(Guid regionId, HttpContext http, DocumentSession session, TenantDirectory directory, TimeProvider time,
        CancellationToken ct)
    {
        var (form, valid) = await Pages.ReadFormAsync(http);
        var (drafts, rows) = Read(form);
        if (!valid) return await Render(http, session, directory, regionId, null, FormErrors.None, rows, FormErrors.General(Pages.StaleForm), null, ct, StatusCodes.Status400BadRequest);
        return await Pages.Attempt(async () =>
            {
                await IndicatorEndpoints.DefineAsync(regionId, drafts, session, time, ct);
                return await Render(http, session, directory, regionId, null, FormErrors.None, null, FormErrors.None,
                    "Набор показателей сохранён: по нему строятся отчёты организаций новых кампаний.", ct);
            },
            (errors, status) => Render(http, session, directory, regionId, null, FormErrors.None, rows, errors, null, ct, status));
    }

    /// <summary>
    /// The set as the form sends it: the rows in their order (code, name, source, kind, unit, «включить»), then the new rows
    /// where a code or a name was typed. The drafts are what is defined; the rows are what the form shows again on a refusal.
    /// </summary>
    private static (IndicatorDraft[] Drafts, IReadOnlyList<IndicatorRow> Rows) Read(IFormCollection form)
    {
        var drafts = new List<IndicatorDraft>();
        var rows = new List<IndicatorRow>();
        var included = form["include"].ToHashSet();
        for (var i = 0; i < Math.Min(form["code"].Count, 300); i++)
        {
            string? code = form["code"][i], name = form["name"].ElementAtOrDefault(i), unit = form["unit"].ElementAtOrDefault(i);
            var source = form["source"].ElementAtOrDefault(i) == "computed" ? IndicatorSource.Computed : IndicatorSource.Manual;
            var kind = Platform.EventStore.StoredCode.TryParse<IndicatorKind>(form["kind"].ElementAtOrDefault(i), out var k) ? k : (IndicatorKind?)null;
            var isNew = form["new"].ElementAtOrDefault(i) == "true";
            if (isNew && string.IsNullOrWhiteSpace(code) && string.IsNullOrWhiteSpace(name)) continue;
            var include = isNew || included.Contains(code);
            rows.Add(new IndicatorRow(new Indicator(code ?? "", name ?? "", source, kind ?? IndicatorKind.Count, unit ?? ""), include));
            if (include) drafts.Add(new IndicatorDraft(code, name, source, kind, unit));
        }
        return ([.. drafts], rows);
    }

    /// <summary>A percentage as typed («15», «12,5», «12.5»); anything else reads as none, which the decision refuses by name.</summary>
    private static decimal? Percent(string? typed) =>
        decimal.TryParse(typed?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
