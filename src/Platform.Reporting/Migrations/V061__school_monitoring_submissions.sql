-- What reporting declares for other modules to read about a school's monitoring: when its report in a campaign was first
-- submitted (submitted or accepted since). The district's yearly monitoring deadline is completed by it (V062).
-- Security invoker: the caller's row-level security applies.
CREATE VIEW reporting.school_monitoring_submissions WITH (security_invoker = true) AS
SELECT c.tenant_id, c.campaign_id, c.due_on, c.first_submitted_at
  FROM reporting.campaign_schools c
 WHERE c.report_status IN ('submitted', 'accepted');

GRANT SELECT ON reporting.school_monitoring_submissions TO platform_app;
