using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Platform.Reporting.Indicators;

namespace Platform.Reporting.Exports;

/// <summary>The submission with indicator codes, for the institute's systems: values are numbers (flags 1/0), null when not filled.</summary>
public static class JsonExport
{
    public sealed record IndicatorEntry(string Code, string Name, IndicatorSource Source, IndicatorKind Kind, string Unit);
    public sealed record SchoolEntry(Guid SchoolId, string Name, Guid ReportId, long ReportVersion, DateTimeOffset AcceptedAt, SortedDictionary<string, decimal?> Values);
    public sealed record Document(Guid SubmissionId, Guid CampaignId, string Campaign, string District, DateTimeOffset AsOf, int SchoolsExpected,
        IReadOnlyList<IndicatorEntry> Indicators, IReadOnlyList<SchoolEntry> Schools, SortedDictionary<string, decimal?> Totals);

    private static readonly JsonSerializerOptions Options = new(DocumentStoreJson())
    {
        WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static JsonSerializerOptions DocumentStoreJson() => Platform.EventStore.DocumentStoreOptions.CreateJsonOptions();

    public static byte[] Write(SubmissionTable t)
    {
        var s = t.Submission;
        var doc = new Document(s.Id, s.CampaignId, s.CampaignTitle, s.DistrictName, s.AsOf, s.Expected,
            t.Indicators.Select(i => new IndicatorEntry(i.Code, i.Name, i.Source, i.Kind, i.Unit)).ToList(),
            t.Rows.Select(r => new SchoolEntry(r.SchoolId, r.SchoolName, r.ReportId, r.ReportVersion, r.AcceptedAt,
                new SortedDictionary<string, decimal?>(t.Indicators.ToDictionary(i => i.Code, i => r.Values.GetValueOrDefault(i.Code)), StringComparer.Ordinal))).ToList(),
            new SortedDictionary<string, decimal?>(t.Totals.ToDictionary(), StringComparer.Ordinal));
        return JsonSerializer.SerializeToUtf8Bytes(doc, Options);
    }
}
