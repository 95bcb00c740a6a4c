using Platform.Mentoring.Facts;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Reporting.Campaigns;
using Platform.Reporting.Indicators;
using Platform.Reporting.SchoolReports;
using Platform.Reporting.Submissions;
using Platform.Tenancy.Demo;

namespace Platform.Reporting.Demo;

/// <summary>
/// The demo district's campaign «Мониторинг {year}» (seed 001: schools report by 23 December): two reports accepted, one
/// submitted and waiting, one returned with a comment, one draft, one school not started; and the district's submission
/// assembled from the accepted ones. Written once, in one transaction, through the same decisions as the API.
/// </summary>
public static class DemoReporting
{
    public static readonly Guid CampaignId = Guid.Parse("11000000-0000-4000-8000-0000000c2026");
    public static readonly Guid SubmissionId = Guid.Parse("11000000-0000-4000-8000-0000000d2026");

    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");
    private static readonly Guid Elan = Guid.Parse("11000000-0000-4000-8000-000000000063");

    public static async Task<bool> SeedAsync(DocumentStore store, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession(TenantScope.Platform);
        session.UserName = "system:demo-seed";
        var district = session.ForTenant(DemoDistrict.DistrictId);
        if (await district.FetchStreamStateAsync(CampaignId, ct) is not null) return false;

        var now = time.GetUtcNow();
        var year = Deadlines.Today(now, DemoDistrict.District.TimeZone).Year;
        var schools = DemoDistrict.Schools.Select(s => new CampaignParticipant(s.SchoolId, s.ShortName)).ToList();
        var opened = CampaignCommands.Open(CampaignId, CampaignLevel.District, DemoDistrict.DistrictId, DemoDistrict.District.TimeZone,
            new OpenCampaign($"Мониторинг {year}", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), LateAfterDays: 3,
                LockOn: new DateOnly(year + 1, 1, 20)), schools, now);
        district.StartStream<Campaign>(CampaignId, opened);
        await session.FlushAsync(ct);

        var campaign = Campaign.Create(opened);
        var indicators = await IndicatorSets.ForRegionAsync(session, DemoDistrict.RegionId, ct);
        var reports = new Dictionary<Guid, Guid>();
        foreach (var (school, plan) in new[] { (Sosh1, "accept"), (School411, "accept"), (Gym166, "submit"), (Oosh, "return"), (Elan, "draft") })
        {
            var entry = DemoDistrict.Schools.Single(s => s.SchoolId == school);
            var duty = new SchoolDuty(CampaignId, DemoDistrict.DistrictId, opened.Title, opened.PeriodFrom, opened.PeriodTo, opened.DueOn, opened.LateAfterDays,
                opened.LockOn, campaign.LateFrom, campaign.LockedFrom, null, null);
            var computed = await SchoolFacts.ComputeAsync(session, new SchoolFacts.Cut(school, DemoDistrict.RegionId, now,
                Deadlines.Today(now, entry.TimeZone), opened.PeriodFrom, opened.PeriodTo), ct);
            var id = Derived.Id($"demo-report:{school}:{CampaignId}");
            reports[school] = id;
            var generated = SchoolReportCommands.Generate(id, duty, now, indicators, computed, now);
            var report = SchoolReport.Create(generated);
            var events = new List<object> { generated };
            if (plan != "draft")
            {
                var entered = SchoolReportCommands.Enter(report, duty, new EnterValues(new() { ["website_section"] = school == Oosh ? 0 : 1 }), now);
                report = report.Apply(entered);
                var submitted = SchoolReportCommands.Submit(report, duty, now);
                report = report.Apply(submitted);
                events.AddRange([entered, submitted]);
                if (plan == "accept") events.Add(SchoolReportCommands.Accept(report, now));
                if (plan == "return")
                    events.Add(SchoolReportCommands.Return(report, duty, new ReturnReport(
                        "Нет раздела «Наставничество» на сайте и не указан приказ о закреплении пар: проверьте и сдайте отчёт повторно."), now));
            }
            session.ForTenant(school).StartStream<SchoolReport>(id, [.. events]);
        }
        await session.FlushAsync(ct);

        var (set, rows) = await SubmissionPackages.CollectAsync(session, DemoDistrict.RegionId, DemoDistrict.DistrictId, CampaignId, now, ct);
        district.StartStream<Submission>(SubmissionId, new SubmissionAssembled(SubmissionId, CampaignId, null, opened.Title, DemoDistrict.District.ShortName,
            now, set, rows, schools.Count, now));
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Seeded demo campaign {Campaign} with {Reports} reports and a submission of {Schools} schools", opened.Title, reports.Count, rows.Length);
        return true;
    }
}
