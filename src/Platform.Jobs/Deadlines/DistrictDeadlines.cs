namespace Platform.Jobs.Deadlines;

/// <summary>
/// Deadlines a district sets for its schools (seed 001: regulation, road map and curator by 20 May; monitoring to the district
/// by 23 December every year), each school's occurrence until it is done — by its mark for that year, or by its records for
/// those that complete themselves (mentoring.district_deadline_occurrences). A yearly one's id is «deadline:year», so every
/// year has its own dedup keys.
/// </summary>
public sealed class DistrictDeadlines : IDeadlineSource
{
    public string Kind => "district_deadline";
    public string RussianName => "Срок района";
    public string OpenDeadlinesSql => """
        SELECT o.school_id, o.deadline_id::text || ':' || o.year AS deadline_id, o.title, o.due_on, '/schools/' || o.school_id AS link
          FROM mentoring.district_deadline_occurrences($1, $2) o
         WHERE o.done_on IS NULL
        """;
}
