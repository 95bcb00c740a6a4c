using System.Diagnostics;
using Platform.Reporting.Exports;
using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;
using Xunit.Abstractions;

namespace Platform.Tests.Reporting;

/// <summary>The files of a 1,000-school submission with the default indicator set: well under the 10 s of the issue, and stable.</summary>
public sealed class ExportScaleTests(ITestOutputHelper output)
{
    internal static Submission Synthetic(int schools)
    {
        var random = new Random(2026);
        var rows = Enumerable.Range(1, schools).Select(i => new SubmissionRow(
            new Guid($"00000000-0000-4000-8000-{i:D12}"), $"МБОУ СОШ № {i}", Guid.NewGuid(), 7, new DateTimeOffset(2026, 12, 20, 10, 0, 0, TimeSpan.Zero),
            IndicatorCatalog.Default.ToDictionary(x => x.Code, x => (decimal?)(x.Kind switch
            {
                IndicatorKind.Flag => random.Next(2),
                IndicatorKind.Percent => Math.Round((decimal)random.NextDouble() * 40, 1),
                _ => random.Next(0, 60),
            })))).ToArray();
        return Submission.Create(new SubmissionAssembled(Guid.NewGuid(), Guid.NewGuid(), null, "Мониторинг 2026", "МР «Тестовый»",
            new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero), [.. IndicatorCatalog.Default], rows, schools, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_1000_school_submission_is_exported_in_well_under_10_seconds_and_identically_twice()
    {
        var submission = Synthetic(1000);
        var watch = Stopwatch.StartNew();
        var zip = SubmissionFiles.ZipFile(new SubmissionTable(submission));
        var first = watch.Elapsed;
        watch.Restart();
        var again = SubmissionFiles.ZipFile(new SubmissionTable(submission));
        output.WriteLine($"1,000 schools × {submission.Indicators.Count} indicators: ZIP (XLSX + CSV + JSON + manifest) {zip.Content.Length / 1024} KB " +
            $"in {first.TotalMilliseconds:N0} ms cold, {watch.Elapsed.TotalMilliseconds:N0} ms warm");
        first.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        again.Content.ShouldBe(zip.Content);
    }
}
