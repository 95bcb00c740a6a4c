using System.Security.Cryptography;
using System.Text;

namespace Platform.Reporting.Indicators;

/// <summary>Computed from the school's data as of the report's cut-off, or entered by hand by the school's curator.</summary>
public enum IndicatorSource { Computed, Manual }

/// <summary>How a value reads and how the district total is formed: counts add up, percents average, flags count the «да».</summary>
public enum IndicatorKind { Count, Percent, Flag }

/// <summary>A monitoring indicator (показатель мониторинга): code (JSON exports), Russian name (XLSX, CSV), unit.</summary>
public sealed record Indicator(string Code, string Name, IndicatorSource Source, IndicatorKind Kind, string Unit);

// A region's indicator set: one stream per region (tenant = the region); the latest definition replaces the set.
public sealed record IndicatorSetDefined(Guid RegionId, Indicator[] Indicators, DateTimeOffset DefinedAt);

public sealed record IndicatorSet(Guid RegionId, IReadOnlyList<Indicator> Indicators)
{
    public static IndicatorSet Create(IndicatorSetDefined e) => new(e.RegionId, e.Indicators);
    public IndicatorSet Apply(IndicatorSetDefined e) => this with { Indicators = e.Indicators };

    public static Guid StreamId(Guid regionId) => Derived.Id($"indicator-set:{regionId}");
}

public static class IndicatorNames
{
    public static string Russian(this IndicatorSource source) => source == IndicatorSource.Computed ? "Рассчитывается по данным" : "Вносится вручную";
}

internal static class Derived
{
    /// <summary>A name-based id (version 3): the same name always gives the same stream.</summary>
    public static Guid Id(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
