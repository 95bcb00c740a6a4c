-- What the district dashboard reads of a school's mentoring, declared here by the module that owns the tables (views with
-- security invoker: the reader's row-level security applies).
--
-- The school's headcounts per school year (the bases of the coverage percentages).
CREATE VIEW mentoring.school_headcounts WITH (security_invoker = true) AS
SELECT tenant_id, school_year, teachers, students FROM mentoring.school_year_totals;

-- A school's programs with their pair: participants' names only where their consent is on record (else NULL).
CREATE VIEW mentoring.program_overview WITH (security_invoker = true) AS
SELECT pr.tenant_id, pr.id, pr.form, pr.kind, pr.start_on, pr.end_on, pr.status, pr.plan_rows, pr.plan_done, pr.meetings,
       pr.evaluation_level, pr.created_at,
       CASE WHEN mp.has_consent THEN mp.full_name END AS mentor_name,
       ARRAY(SELECT CASE WHEN p.has_consent THEN p.full_name END FROM unnest(m.mentee_ids) WITH ORDINALITY u(id, n)
               LEFT JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = u.id ORDER BY u.n) AS mentee_names
  FROM mentoring.programs pr
  JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
  LEFT JOIN mentoring.people mp ON mp.tenant_id = m.tenant_id AND mp.id = m.mentor_id;

GRANT SELECT ON mentoring.school_headcounts, mentoring.program_overview TO platform_app;
