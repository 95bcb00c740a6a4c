using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.EventStore;
using Platform.Reporting.Exports;
using Platform.Reporting.Submissions;

namespace Platform.Bench;

/// <summary>
/// The reporting part of the region-scale benchmark, through the real host: every district opens a campaign, every school
/// of the region generates its report from its data (timed), enters the hand-entered value and submits it, the district
/// accepts it; then each district assembles its submission and downloads its ZIP package (timed), and the 1,000 schools'
/// rows of all the submissions are exported as one package, twice (timed, and compared byte for byte).
/// </summary>
public sealed class ReportingBench(DocumentStore store, Func<Guid?, Guid?, HttpClient> client)
{
    public async Task RunAsync(int schools, Action<string, string> line)
    {
        var districts = (schools + RegionGenerator.SchoolsPerDistrict - 1) / RegionGenerator.SchoolsPerDistrict;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var title = $"Мониторинг (бенчмарк {DateTime.UtcNow:dd.MM.yyyy HH:mm:ss})";
        var generation = new List<double>();
        var assembly = new List<double>();
        var packages = new List<double>();
        var submissions = new List<(Guid District, Guid Id)>();
        long packageBytes = 0;
        for (var d = 0; d < districts; d++)
        {
            var district = RegionGenerator.District(d);
            var curator = client(district, null);
            var campaign = await Post(curator, $"/api/districts/{district}/campaigns",
                new { title, periodFrom = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1), periodTo = today });
            var campaignId = (Guid)campaign["campaign"]!["id"]!;
            foreach (var s in Enumerable.Range(d * RegionGenerator.SchoolsPerDistrict, Math.Min(RegionGenerator.SchoolsPerDistrict, schools - d * RegionGenerator.SchoolsPerDistrict)))
            {
                var school = RegionGenerator.School(s);
                var staff = client(null, school);
                var start = Stopwatch.GetTimestamp();
                var report = await Post(staff, $"/api/schools/{school}/reports", new { campaignId });
                generation.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                var id = (Guid)report["id"]!;
                await Send(staff, HttpMethod.Put, $"/api/schools/{school}/reports/{id}/values", new { values = new Dictionary<string, decimal> { ["website_section"] = 1 } });
                await Post(staff, $"/api/schools/{school}/reports/{id}/submit", new { });
                await Post(curator, $"/api/districts/{district}/reports/{id}/accept", new { });
            }
            var started = Stopwatch.GetTimestamp();
            var submission = await Post(curator, $"/api/districts/{district}/campaigns/{campaignId}/submissions", new { });
            assembly.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var submissionId = (Guid)submission["id"]!;
            submissions.Add((district, submissionId));
            started = Stopwatch.GetTimestamp();
            using var zip = await curator.GetAsync($"/api/districts/{district}/submissions/{submissionId}/package.zip");
            zip.EnsureSuccessStatusCode();
            packageBytes += (await zip.Content.ReadAsByteArrayAsync()).Length;
            packages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // The whole region's rows in one submission: the export at 1,000 schools.
        var rows = new List<SubmissionRow>();
        Submission? last = null;
        foreach (var (district, id) in submissions)
        {
            await using var session = store.LightweightSession(TenantScope.District(district));
            last = (await SubmissionPackages.LoadAsync(session, id, 0, default))!.Value.Submission;
            rows.AddRange(last.Rows);
        }
        var region = last! with { DistrictName = "Все районы региона", Rows = rows, Expected = rows.Count };
        var clock = Stopwatch.StartNew();
        var first = SubmissionFiles.ZipFile(new SubmissionTable(region));
        var cold = clock.Elapsed;
        clock.Restart();
        var again = SubmissionFiles.ZipFile(new SubmissionTable(region));
        var warm = clock.Elapsed;
        if (!first.Content.AsSpan().SequenceEqual(again.Content)) throw new InvalidOperationException("The same submission exported twice gave different bytes.");

        generation.Sort();
        line($"school report generation POST /api/schools/{{s}}/reports ({generation.Count:N0} schools, one each)", Timing.Percentiles([.. generation]));
        line($"district submission assembly POST …/submissions ({districts} districts of {RegionGenerator.SchoolsPerDistrict})", Timing.Percentiles([.. assembly.Order()]));
        line($"district package download GET …/package.zip ({districts} districts, {packageBytes / 1024:N0} KB in all)", Timing.Percentiles([.. packages.Order()]));
        line($"{rows.Count:N0}-school submission export (XLSX + CSV + JSON + manifest in a ZIP, {first.Content.Length / 1024:N0} KB)",
            $"cold {cold.TotalMilliseconds:N0} ms, warm {warm.TotalMilliseconds:N0} ms, identical bytes   (target < 10 s)");
    }

    private static async Task<JsonNode> Post(HttpClient c, string url, object body) => await Send(c, HttpMethod.Post, url, body);

    private static async Task<JsonNode> Send(HttpClient c, HttpMethod method, string url, object body)
    {
        using var response = await c.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
