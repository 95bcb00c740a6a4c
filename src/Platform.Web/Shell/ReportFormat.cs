using System.Globalization;
using Platform.Reporting.Indicators;
using Platform.Reporting.SchoolReports;

namespace Platform.Web.Shell;

/// <summary>How a monitoring report's statuses and values read in Russian, and how a typed value becomes a number.</summary>
public static class ReportFormat
{
    /// <summary>The status as reporting.campaign_schools holds it (null: no report yet).</summary>
    public static string Status(string? status) =>
        Platform.EventStore.StoredCode.TryParse<ReportStatus>(status, out var s) ? s.Russian() : "Не начат";

    public static string Badge(string? status) => status switch
    {
        "accepted" => "text-bg-success",
        "submitted" => "text-bg-primary",
        "returned" => "text-bg-warning",
        "draft" => "text-bg-secondary",
        _ => "text-bg-light border",
    };

    public static string Badge(ReportStatus status) => Badge(status.ToString().ToLowerInvariant());

    public static string Value(ReportValue v) => v.Value is not { } x ? "—" : v.Kind switch
    {
        IndicatorKind.Flag => x == 1 ? "да" : "нет",
        IndicatorKind.Percent => Format.Percent(x),
        _ => x == decimal.Truncate(x) ? Format.Number((long)x) : x.ToString("0.##", Format.Russian),
    };

    /// <summary>What the input shows for a value: «12,5», «1»; empty for none.</summary>
    public static string Input(decimal? value) => value?.ToString("0.##", Format.Russian) ?? "";

    /// <summary>A typed number with a decimal comma or point and spaces between digit groups; false when it is not a number.</summary>
    public static bool TryParse(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var clean = text.Replace(" ", "").Replace("\u00A0", "").Replace(',', '.');
        if (!decimal.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return false;
        value = d;
        return true;
    }
}
