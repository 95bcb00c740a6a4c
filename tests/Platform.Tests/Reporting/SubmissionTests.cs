using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.Reporting.Demo;
using Platform.Reporting.Submissions;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Reporting.ReportingScenario;

namespace Platform.Tests.Reporting;

/// <summary>The district's submission: assembled from accepted reports as of a moment, exported (XLSX, CSV, JSON, ZIP), identical when exported again.</summary>
public sealed class SubmissionTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");

    private async Task<(Guid Id, string Base)> AssembleAsync(ReportingScenario s, DateTimeOffset? asOf = null)
    {
        var response = await s.Post(s.DistrictCurator, $"/api/districts/{District}/campaigns/{DemoReporting.CampaignId}/submissions", new { asOf }, 202);
        var operation = response.Context.Response.Headers.Location.ToString();
        operation.ShouldBe($"/api/operations/{JsonDocument.Parse(await response.ReadAsTextAsync()).RootElement.GetProperty("id").GetGuid()}");
        // A worker of the host runs it; the operation ends with the submission's address.
        var state = await api.FinishedOperationAsync(s.DistrictCurator, operation);
        state.GetProperty("status").GetString().ShouldBe("succeeded", state.ToString());
        state.GetProperty("percent").GetInt32().ShouldBe(100);
        var url = state.GetProperty("resultUrl").GetString()!;
        return (Guid.Parse(url.Split('/')[^1]), url);
    }

    /// <summary>The body of a file the district curator downloads.</summary>
    private static async Task<byte[]> Bytes(ReportingScenario s, string url) => await BytesOf(await s.Get(s.DistrictCurator, url));

    private static async Task<byte[]> BytesOf(IScenarioResult result)
    {
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    [Fact]
    public async Task Assembling_runs_as_a_background_operation_that_only_the_district_can_follow_and_a_bad_moment_is_refused_before_it_starts()
    {
        var s = new ReportingScenario(api);
        var (id, _) = await AssembleAsync(s);
        var operations = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations WHERE id = $1 AND status = 'succeeded' AND job_id IS NOT NULL", id);
        operations.ShouldBe(1L); // the submission's id is its operation's
        // The operation is the district's: a school's curator, even in that district, does not find it.
        var stranger = api.TokenFor(Platform.EventStore.TenantScope.School(Sosh1), Platform.Tenancy.Access.Roles.SchoolCurator);
        await s.Get(stranger, $"/api/operations/{id}", 404);
        // A moment in the future is refused with a Russian problem naming the field, and no operation is stored.
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations");
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.DistrictCurator);
            x.Post.Json(new { asOf = DateTimeOffset.UtcNow.AddDays(30) }).ToUrl($"/api/districts/{District}/campaigns/{DemoReporting.CampaignId}/submissions");
            x.StatusCodeShouldBe(400);
            x.ContentShouldContain("asOf");
        });
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM jobs.operations")).ShouldBe(before);
    }

    [Fact]
    public async Task The_exports_hold_the_accepted_reports_and_the_same_submission_gives_the_same_bytes()
    {
        var s = new ReportingScenario(api);
        var (id, url) = await AssembleAsync(s);
        var view = await s.Get(s.DistrictCurator, url).Json();
        var schools = view.GetProperty("schools").EnumerateArray().ToList();
        schools.Select(x => x.GetProperty("schoolId").GetGuid()).Order().ShouldBe(new[] { Sosh1, School411 }.Order());

        var xlsx = await s.Get(s.DistrictCurator, $"{url}/export.xlsx");
        MediaTypeHeaderValue.Parse(xlsx.Context.Response.ContentType ?? "").MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var disposition = ContentDispositionHeaderValue.Parse(xlsx.Context.Response.Headers.ContentDisposition.ToString());
        disposition.FileNameStar.ShouldNotBeNull();
        disposition.FileNameStar.ShouldStartWith("Мониторинг_");
        disposition.FileNameStar.ShouldEndWith(".xlsx");
        var xlsxBytes = await BytesOf(xlsx);
        (await Bytes(s, $"{url}/export.xlsx")).ShouldBe(xlsxBytes);

        var csv = await Bytes(s, $"{url}/export.csv");
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4); // header, two schools, totals
        lines[0].ShouldStartWith("Организация;Идентификатор организации;Положение о системе наставничества принято;");
        lines[^1].ShouldStartWith("Итого по району;;");
        (await Bytes(s, $"{url}/export.csv")).ShouldBe(csv);

        var json = JsonDocument.Parse(await Bytes(s, $"{url}/export.json")).RootElement;
        json.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldContain("mentors_total");
        var mentors = json.GetProperty("schools").EnumerateArray().Sum(x => x.GetProperty("values").GetProperty("mentors_total").GetDecimal());
        json.GetProperty("totals").GetProperty("mentors_total").GetDecimal().ShouldBe(mentors);
        json.GetProperty("schools").EnumerateArray().All(x => x.GetProperty("values").GetProperty("website_section").GetDecimal() == 1).ShouldBeTrue();

        var zip = await Bytes(s, $"{url}/package.zip");
        (await Bytes(s, $"{url}/package.zip")).ShouldBe(zip);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            archive.Entries.Select(e => Path.GetExtension(e.FullName)).ShouldBe([".xlsx", ".csv", ".json", ".json"]);
            var manifest = JsonDocument.Parse(archive.GetEntry("manifest.json")!.Open()).RootElement;
            foreach (var file in manifest.GetProperty("files").EnumerateArray())
            {
                using var content = new MemoryStream();
                archive.GetEntry(file.GetProperty("name").GetString()!)!.Open().CopyTo(content);
                Convert.ToHexStringLower(SHA256.HashData(content.ToArray())).ShouldBe(file.GetProperty("sha256").GetString());
            }
            using var inner = new MemoryStream();
            archive.Entries[0].Open().CopyTo(inner);
            inner.ToArray().ShouldBe(xlsxBytes);
        }
        var (package, name) = await api.Services.GetRequiredService<SubmissionPackages>().BuildPackageAsync(District, id);
        package.ShouldBe(zip);
        name.ShouldEndWith(".zip");

        // Rebuilt at the same moment: the same files; at a moment before any acceptance: no schools.
        var asOf = view.GetProperty("asOf").GetDateTimeOffset();
        await s.Post(s.DistrictCurator, $"{url}/rebuild", new { asOf });
        (await Bytes(s, $"{url}/export.xlsx")).ShouldBe(xlsxBytes);
        var early = await s.Post(s.DistrictCurator, $"{url}/rebuild", new { asOf = asOf.AddYears(-1) }).Json();
        early.GetProperty("schools").GetArrayLength().ShouldBe(0);
        early.GetProperty("rebuilds").GetInt32().ShouldBe(2);
        // An earlier version is still there, byte for byte.
        (await Bytes(s, $"{url}/export.xlsx?version=2")).ShouldBe(xlsxBytes);
    }

    /// <summary>
    /// 152-ФЗ: what leaves the district (and goes on to the institute) is figures per school, no participant. Every full name the
    /// schools of the submission hold, the demo's and one made up here, is looked for in each file and in the package.
    /// </summary>
    [Fact]
    public async Task The_exports_to_the_district_and_the_institute_carry_no_participant()
    {
        var s = new ReportingScenario(api);
        await s.Post(s.Curator(Sosh1), $"/api/schools/{Sosh1}/people", new { kind = "teacher", fullName = "Сводкина Неповторимая Агрегатовна", position = "учитель" }, 201);
        var (_, url) = await AssembleAsync(s);
        var schools = (await s.Get(s.DistrictCurator, url).Json()).GetProperty("schools").EnumerateArray().Select(x => x.GetProperty("schoolId").GetGuid()).ToArray();
        var names = await api.Database.OwnerListAsync<string>("SELECT full_name FROM mentoring.people WHERE tenant_id = ANY ($1)", schools);
        names.ShouldContain("Сводкина Неповторимая Агрегатовна");
        names.Count.ShouldBeGreaterThan(10);

        var texts = new Dictionary<string, string>
        {
            ["xlsx"] = XlsxText.All(await Bytes(s, $"{url}/export.xlsx")),
            ["csv"] = Encoding.UTF8.GetString(await Bytes(s, $"{url}/export.csv")),
            ["json"] = Encoding.UTF8.GetString(await Bytes(s, $"{url}/export.json")),
        };
        using (var archive = new ZipArchive(new MemoryStream(await Bytes(s, $"{url}/package.zip"))))
            foreach (var entry in archive.Entries)
            {
                using var content = new MemoryStream();
                entry.Open().CopyTo(content);
                texts[$"package.zip/{entry.FullName}"] = entry.FullName.EndsWith(".xlsx") ? XlsxText.All(content.ToArray()) : Encoding.UTF8.GetString(content.ToArray());
            }
        texts["xlsx"].ShouldContain("Организация"); // the reader reads the workbook
        // JSON may escape Cyrillic (\u0418…): compared as written out again without escapes.
        var unescaped = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var file in texts.Keys.Where(k => k.EndsWith("json")).ToList())
            texts[file] = JsonSerializer.Serialize(JsonDocument.Parse(texts[file].TrimStart('\uFEFF')).RootElement, unescaped);
        texts["json"].ShouldContain("mentors_total");
        foreach (var (file, text) in texts)
            names.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty(file);
    }

    [Fact]
    public async Task LibreOffice_opens_the_xlsx_and_reads_the_values()
    {
        var s = new ReportingScenario(api);
        var (_, url) = await AssembleAsync(s);
        var json = JsonDocument.Parse(await Bytes(s, $"{url}/export.json")).RootElement;
        var dir = Directory.CreateTempSubdirectory("reporting-xlsx-");
        try
        {
            var file = Path.Combine(dir.FullName, "submission.xlsx");
            await File.WriteAllBytesAsync(file, await Bytes(s, $"{url}/export.xlsx"));
            var home = Directory.CreateDirectory(Path.Combine(dir.FullName, "home")).FullName;
            var start = new ProcessStartInfo("soffice", ["--headless", "--norestore", $"-env:UserInstallation=file://{home}/lo",
                "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", dir.FullName, file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["HOME"] = home },
            };
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
            var output = Path.Combine(dir.FullName, "submission.csv");
            File.Exists(output).ShouldBeTrue(await process.StandardError.ReadToEndAsync());
            var rows = (await File.ReadAllLinesAsync(output, Encoding.UTF8)).Select(l => l.Split(';').Select(c => c.Trim('"')).ToArray()).ToList();

            rows[0][0].ShouldBe("№");
            rows[0][1].ShouldBe("Организация");
            var codes = json.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();
            var mentorsColumn = 2 + codes.IndexOf("mentors_total");
            var websiteColumn = 2 + codes.IndexOf("website_section");
            var schools = json.GetProperty("schools").EnumerateArray().ToList();
            rows.Count.ShouldBe(schools.Count + 2);
            for (var i = 0; i < schools.Count; i++)
            {
                rows[i + 1][1].ShouldBe(schools[i].GetProperty("name").GetString());
                rows[i + 1][mentorsColumn].ShouldBe(schools[i].GetProperty("values").GetProperty("mentors_total").GetDecimal().ToString());
                rows[i + 1][websiteColumn].ShouldBe("да");
            }
            rows[^1][1].ShouldBe("Итого по району");
            rows[^1][mentorsColumn].ShouldBe(json.GetProperty("totals").GetProperty("mentors_total").GetDecimal().ToString());
            rows[^1][websiteColumn].ShouldBe(schools.Count.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_submission_goes_to_the_region_campaign_and_its_push_is_recorded_for_delivery()
    {
        var s = new ReportingScenario(api);
        var (id, url) = await AssembleAsync(s);
        var opened = await s.Post(s.Admin, $"/api/regions/{Region}/campaigns",
            new { title = "Мониторинг региона 2026", periodFrom = "2026-01-01", periodTo = "2026-12-31" }, 201).Json();
        var regionCampaign = opened.GetProperty("campaign").GetProperty("id").GetGuid();
        (await s.Get(s.DistrictCurator, $"/api/districts/{District}/region-campaigns").Json()).EnumerateArray()
            .Select(c => c.GetProperty("campaignId").GetGuid()).ShouldContain(regionCampaign);
        await s.Post(s.RegionOfficer, $"/api/regions/{Region}/campaigns", new { title = "x" }, 403);

        var submitted = await s.Post(s.DistrictCurator, $"{url}/submit", new { regionCampaignId = regionCampaign }).Json();
        submitted.GetProperty("late").GetBoolean().ShouldBeFalse();
        var progress = await s.Get(s.RegionOfficer, $"/api/regions/{Region}/campaigns/{regionCampaign}").Json();
        progress.GetProperty("expected").GetInt32().ShouldBe(1);
        progress.GetProperty("submitted").GetInt32().ShouldBe(1);
        var district = progress.GetProperty("districts")[0];
        district.GetProperty("submissionId").GetGuid().ShouldBe(id);
        district.GetProperty("schools").GetProperty("accepted").GetInt32().ShouldBe(2);
        await s.Get(api.TokenAs($"region:{TestRegistry.Region}"), $"/api/regions/{Region}/campaigns/{regionCampaign}", 403);
        // The region officer downloads the district's files.
        await s.Get(s.RegionOfficer, $"{url}/package.zip");

        await s.Post(s.DistrictCurator, $"{url}/push", status: 409);
        await s.Put(s.DistrictCurator, $"/api/districts/{District}/institute-endpoint", new { url = "не адрес" }, 400);
        await s.Put(s.Admin, $"/api/regions/{Region}/institute-endpoint", new { url = "https://kriro.example/monitoring" });
        var inherited = await s.Get(s.DistrictCurator, $"/api/districts/{District}/institute-endpoint").Json();
        inherited.GetProperty("inheritedFrom").GetGuid().ShouldBe(Region);
        var delivery = await s.Post(s.DistrictCurator, $"{url}/push", status: 202).Json();
        var zip = await Bytes(s, $"{url}/package.zip");
        delivery.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(zip)));
        (await api.Database.OwnerScalarAsync<string>("SELECT url FROM reporting.submission_deliveries WHERE id = $1",
            delivery.GetProperty("deliveryId").GetGuid())).ShouldBe("https://kriro.example/monitoring");
        // The package waits in the outbox (one transaction with the request): the relay pushes it, retrying over days.
        (await api.Database.OwnerScalarAsync<string>("SELECT channel || ' ' || address || ' ' || file_name FROM jobs.deliveries WHERE id = $1",
            delivery.GetProperty("deliveryId").GetGuid())).ShouldBe($"http https://kriro.example/monitoring {delivery.GetProperty("fileName").GetString()}");
        (await api.Database.OwnerScalarAsync<byte[]>("SELECT body FROM jobs.deliveries WHERE id = $1", delivery.GetProperty("deliveryId").GetGuid()))
            .ShouldBe(zip);
    }

    [Fact]
    public async Task A_region_defines_its_indicator_set_with_known_computed_codes_and_its_own_manual_ones()
    {
        var s = new ReportingScenario(api);
        await s.Put(s.Admin, $"/api/regions/{TestRegistry.Region}/indicators", new { indicators = Array.Empty<object>() }, 404); // no such region here
        await api.Scenario(x =>
        {
            x.WithBearerToken(s.Admin);
            x.Put.Json(new { indicators = new object[] { new { code = "moon_phase", source = "computed" } } }).ToUrl($"/api/regions/{Region}/indicators");
            x.ProblemShouldBe(400, "indicators[0].code", "не рассчитывается");
        });
        await s.Put(s.DistrictCurator, $"/api/regions/{Region}/indicators", new { indicators = Array.Empty<object>() }, 403);

        var before = await s.Get(s.DistrictCurator, $"/api/regions/{Region}/indicators").Json();
        before.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        before.GetProperty("indicators").GetArrayLength().ShouldBeGreaterThan(30);
        // Put back at the end: the other tests of this class read the default set.
        try
        {
            var set = await s.Put(s.Admin, $"/api/regions/{Region}/indicators", new
            {
                indicators = new object[]
                {
                    new { code = "mentors_total", source = "computed" },
                    new { code = "best_practices", name = "Лучших практик опубликовано", source = "manual", kind = "count" },
                },
            }).Json();
            set.GetProperty("indicators")[1].GetProperty("unit").GetString().ShouldBe("ед.");
            var campaign = await s.OpenCampaignAsync([Oosh], title: "Свой набор");
            var report = await s.GenerateAsync(Oosh, campaign);
            report.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("code").GetString()).ShouldBe(["mentors_total", "best_practices"]);
        }
        finally
        {
            await api.Database.OwnerExecuteAsync("DELETE FROM reporting.indicator_sets WHERE tenant_id = $1", Region);
        }
    }
}
