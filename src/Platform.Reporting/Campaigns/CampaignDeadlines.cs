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

/// <summary>
/// The district's submission in a region's campaign (seed 001: to the regional institute by 28 December), until it is
/// submitted: the district's curators are reminded in the district's own time zone.
/// </summary>
public sealed class DistrictSubmissionDeadlines : IDeadlineSource
{
    public string Kind => "region_campaign";
    public string RussianName => "Сводный отчёт района в институт";
    public DeadlineOwner Owner => DeadlineOwner.District;
    public string OpenDeadlinesSql => """
        SELECT c.tenant_id AS school_id, c.campaign_id::text AS deadline_id, 'Сдать сводный отчёт района: ' || c.title AS title, c.due_on,
               '/districts/' || c.tenant_id || '/campaigns' AS link
          FROM reporting.campaign_districts c
         WHERE c.submitted_at IS NULL AND c.due_on BETWEEN $1 AND $2
        """;
}
