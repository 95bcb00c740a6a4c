using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring.Recognition;

/// <summary>A school with completed programs (the demo district's school № 1 by default), as best practices and contests start from.</summary>
internal sealed class RecognitionScenario(FakeClockApi api, Guid school)
{
    public MentoringScenario S { get; } = new(api, school);
    public string Practices => $"/api/schools/{school}/best-practices";
    public static string DistrictPractices => $"/api/districts/{DemoDistrict.DistrictId}/best-practices";
    public static string DistrictContests => $"/api/districts/{DemoDistrict.DistrictId}/contests";
    public string DistrictToken => api.TokenAs($"district:{DemoDistrict.DistrictId}");
    public string RegionToken => api.TokenAs($"region:{DemoDistrict.RegionId}");

    /// <summary>A teacher pair's program, completed by mutual decision, evaluated when <paramref name="evaluation"/> is given (9 scores).</summary>
    public async Task<(MentorshipView Pair, ProgramView Program)> CompletedProgram(string surname, int[]? evaluation = null, bool complete = true)
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair(surname);
        var program = await S.Post(S.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();
        if (evaluation is not null)
        {
            var codes = Platform.Mentoring.Programs.EvaluationCriteria.All.Select(c => c.Code).ToArray();
            await S.Post($"{S.Programs}/{program.Id}/evaluations", new { scores = codes.Zip(evaluation).ToDictionary(x => x.First, x => x.Second) }, 201);
        }
        if (complete)
            await S.Post($"{S.Programs}/{program.Id}/complete", new { reason = "participant_initiative", note = "По обоюдному решению: цели программы достигнуты досрочно" });
        return (pair, program);
    }

    public static object Practice(Guid programId, params object[] consents) => new
    {
        programId,
        title = "Молодой педагог и дисциплина на уроке",
        description = "Кейс: как за полгода молодой учитель научился управлять классом с помощью взаимопосещения уроков.",
        results = "Наставляемый самостоятельно провёл родительское собрание; замечаний по дисциплине нет.",
        consents,
    };
}
