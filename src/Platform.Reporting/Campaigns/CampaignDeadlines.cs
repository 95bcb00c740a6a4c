using Platform.Jobs.Deadlines;

namespace Platform.Reporting.Campaigns;

/// <summary>
/// A school's report in a district campaign (seed 001: to the district by 23 December), until it is submitted: a draft
/// or a returned report still owes it. The reminder scan reads it beside the mentoring deadlines.
/// </summary>
public sealed class SchoolReportDeadlines : IDeadlineSource
{
    public string Kind => "campaign";
    public string RussianName => "Отчёт по мониторингу";
    public string OpenDeadlinesSql => """
        SELECT c.tenant_id AS school_id, c.campaign_id::text AS deadline_id, 'Сдать отчёт: ' || c.title AS title, c.due_on,
               '/schools/' || c.tenant_id || '/monitoring' AS link
          FROM reporting.campaign_schools c
         WHERE (c.report_status IS NULL OR c.report_status IN ('draft', 'returned')) AND c.due_on BETWEEN $1 AND $2
        """;
}
