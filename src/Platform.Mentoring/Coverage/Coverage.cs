using System.Security.Cryptography;
using System.Text;

namespace Platform.Mentoring.Coverage;

// Coverage of the mentoring system (seed 004): at least 15 % of teachers and 10 % of students in
// mentoring programs. A region may set other targets; a school enters its totals per school year.

/// <summary>
/// Targets of a region, in its own stream (tenant = the region). Default: 15 % teachers, 10 % students, mentees only.
/// <paramref name="MentorsCovered"/>: the region's indicator counts the mentors as covered too (beside the mentees, once each).
/// </summary>
public sealed record CoverageTargetsSet(Guid RegionId, decimal TeachersPercent, decimal StudentsPercent, string? Basis, bool MentorsCovered = false);

public sealed record CoverageTargets(Guid RegionId, decimal TeachersPercent, decimal StudentsPercent, string? Basis, bool MentorsCovered = false)
{
    public static readonly CoverageTargets Default = new(Guid.Empty, 15m, 10m, "Целевые показатели (seed 004): не менее 15 % педагогов и 10 % обучающихся");

    public static CoverageTargets Create(CoverageTargetsSet e) => new(e.RegionId, e.TeachersPercent, e.StudentsPercent, e.Basis, e.MentorsCovered);

    /// <summary>Who is covered in a school: its mentees, and its mentors who are not mentees where the region counts them.</summary>
    public int Covered(int mentees, int mentorsNotMentees) => mentees + (MentorsCovered ? mentorsNotMentees : 0);
    public CoverageTargets Apply(CoverageTargetsSet e) => Create(e);
}

/// <summary>How many teachers and students the school has in a school year (entered by the school; the base of the percentages).</summary>
public sealed record SchoolYearTotalsEntered(int SchoolYear, int Teachers, int Students);

public sealed record SchoolYearTotals(int SchoolYear, int Teachers, int Students)
{
    public static SchoolYearTotals Create(SchoolYearTotalsEntered e) => new(e.SchoolYear, e.Teachers, e.Students);
    public SchoolYearTotals Apply(SchoolYearTotalsEntered e) => Create(e);
}

public sealed record SetCoverageTargets(decimal? TeachersPercent, decimal? StudentsPercent, string? Basis, bool? MentorsCovered = null);
public sealed record EnterSchoolYearTotals(int? Teachers, int? Students);

public static class CoverageCommands
{
    public static CoverageTargetsSet SetTargets(Guid regionId, SetCoverageTargets c)
    {
        new Validation()
            .Require(c.TeachersPercent is > 0 and <= 100, "teachersPercent", "Доля педагогов — от 0 до 100 %.")
            .Require(c.StudentsPercent is > 0 and <= 100, "studentsPercent", "Доля обучающихся — от 0 до 100 %.")
            .Require(c.Basis is null || c.Basis.Trim().Length <= 1000, "basis", "Основание — не длиннее 1000 символов.")
            .ThrowIfInvalid();
        return new CoverageTargetsSet(regionId, c.TeachersPercent!.Value, c.StudentsPercent!.Value, c.Basis?.Trim() is { Length: > 0 } basis ? basis : null,
            c.MentorsCovered ?? false);
    }

    public static SchoolYearTotalsEntered EnterTotals(int schoolYear, EnterSchoolYearTotals c, int currentSchoolYear)
    {
        new Validation()
            .Require(schoolYear >= 2000 && schoolYear <= currentSchoolYear + 1, "schoolYear", "Учебный год — не позже следующего.")
            .Require(c.Teachers is >= 0 and <= 5000, "teachers", "Укажите число педагогов (0–5000).")
            .Require(c.Students is >= 0 and <= 50000, "students", "Укажите число обучающихся (0–50 000).")
            .ThrowIfInvalid();
        return new SchoolYearTotalsEntered(schoolYear, c.Teachers!.Value, c.Students!.Value);
    }

    /// <summary>Stream ids derived from what they are about, so there is one stream per region, and per school and year.</summary>
    public static Guid TargetsStream(Guid regionId) => Derived($"coverage-targets:{regionId}");
    public static Guid TotalsStream(Guid schoolId, int schoolYear) => Derived($"school-year-totals:{schoolId}:{schoolYear}");

    private static Guid Derived(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // version 3 (name-based)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
